import { counterStepChanges, mapContactEvent, mapEngagement, type Activity, type ContactEvent, type ContactFacts, type EngagementInput } from '../domain/activities';
import type { LiveSettings } from '../domain/portal-settings';
import { award } from '../domain/scoring';
import { SALES_ACTIVITY_PROPERTIES, touchKindOf, userIdOfSource } from '../domain/sla';
import { insertLedgerEntries, loadLedgers, lockContacts, upsertActivities, type ContactActivity } from '../store/contact-batches';
import type { Queryable } from '../store/db';
import { retractActivities } from '../store/retract-activities';
import type { ContactRow } from '../store/lead-store';
import { rescoreLeads, type LeadOutcome } from './rescore-leads';
import { meetSlaClock, recordTouches, type TouchInput } from '../leads/sla-clocks';
import { ownersOfUsers } from '../store/owners';

/** What happened to one contact, in any order; applied in occurredAt order. */
export type ContactInput =
  | { kind: 'event'; event: ContactEvent }
  | { kind: 'engagement'; engagement: EngagementInput }
  /** The contact's current fit properties, read from HubSpot when the app first meets it. */
  | { kind: 'facts'; properties: ContactFacts; occurredAt: number }
  /** Activities derived from the contact's current properties (backfill). */
  | { kind: 'activities'; activities: Activity[]; occurredAt: number };

export interface ProcessContext {
  portalId: number;
  live: LiveSettings;
  now: Date;
}

export interface ProcessOutcome extends LeadOutcome {
  newActivities: number;
}

const occurredAt = (input: ContactInput): number =>
  input.kind === 'event' ? input.event.occurredAt : input.kind === 'engagement' ? input.engagement.occurredAt : input.occurredAt;

/** A contact's inputs mapped: its activities, its facts after them, and the touches they hold. */
interface Mapped {
  facts: ContactFacts;
  factsLoaded: boolean;
  activities: Activity[];
  /** Keys of activities the contact's fuller history no longer bears out. */
  retracted: string[];
  touches: TouchInput[];
  /** Sales-activity property changes by HubSpot users: touches once the user is known as an owner. */
  userTouches: Array<Omit<TouchInput, 'ownerId'> & { userId: number }>;
}

function mapInputs(ctx: ProcessContext, row: ContactRow, inputs: readonly ContactInput[]): Mapped {
  const { mapping } = ctx.live.settings.scoring;
  const contactId = row.contact_id;
  const mapped: Mapped = { facts: row.facts, factsLoaded: row.facts_loaded, activities: [], retracted: [], touches: [], userTouches: [] };
  for (const input of [...inputs].sort((a, b) => occurredAt(a) - occurredAt(b))) {
    switch (input.kind) {
      case 'event': {
        const { event } = input;
        const out = mapContactEvent(event, mapped.facts, mapping);
        mapped.facts = out.facts;
        mapped.activities.push(...out.activities);
        const userId = event.propertyName && SALES_ACTIVITY_PROPERTIES.includes(event.propertyName) ? userIdOfSource(event.sourceId) : undefined;
        if (userId !== undefined) mapped.userTouches.push({ contactId, key: event.key, kind: 'property', userId, at: event.occurredAt });
        break;
      }
      case 'engagement': {
        const { engagement } = input;
        mapped.activities.push(...mapEngagement(engagement, mapping));
        mapped.touches.push({ contactId, key: engagement.key, kind: touchKindOf(engagement.objectType), ownerId: engagement.properties.hubspot_owner_id, at: engagement.occurredAt });
        break;
      }
      case 'facts':
        // Values HubSpot holds now; a change event already seen for a property wins over a stale read.
        mapped.facts = { ...input.properties, ...mapped.facts };
        mapped.factsLoaded = true;
        break;
      case 'activities':
        mapped.activities.push(...input.activities);
        break;
    }
  }
  // Activities paired from logged history (e.g. pricing visits) are derived again whenever the logs grew.
  const paired = counterStepChanges(row.facts, mapped.facts, mapping);
  mapped.activities.push(...paired.activities);
  mapped.retracted = paired.retracted;
  return mapped;
}

/**
 * Settles a set of contacts of one portal in the caller's transaction, with a few statements for the whole
 * set: their rows locked (in id order), their inputs mapped to activities (each stored once, at the earliest
 * time any event showed it), points awarded once per (activity, rule), touches recorded, then every lead
 * rescored from its ledger at `now` (see rescoreLeads). A contact with no inputs is just rescored.
 */
export async function settleContacts(tx: Queryable, ctx: ProcessContext, work: ReadonlyMap<number, readonly ContactInput[]>): Promise<Map<number, ProcessOutcome>> {
  const { portalId, live, now } = ctx;
  const { scoring, routing, sla } = live.settings;
  const ids = [...work.keys()].sort((a, b) => a - b);
  const rows = await lockContacts(tx, portalId, ids);
  const mapped = new Map(ids.map((id) => [id, mapInputs(ctx, rows.get(id)!, work.get(id)!)]));

  await retractActivities(tx, portalId, [...mapped].flatMap(([contactId, m]) => m.retracted.map((key) => ({ contactId, key }))));
  const added = await upsertActivities(
    tx,
    portalId,
    [...mapped].flatMap(([contactId, m]) => m.activities.map((activity): ContactActivity => ({ contactId, activity }))),
  );
  await insertLedgerEntries(tx, portalId, added.flatMap(({ contactId, activity }) => award(scoring, activity).map((entry) => ({ contactId, entry }))));
  const newActivities = new Map<number, number>();
  for (const { contactId } of added) newActivities.set(contactId, (newActivities.get(contactId) ?? 0) + 1);

  const userTouches = [...mapped.values()].flatMap((m) => m.userTouches);
  const owners = await ownersOfUsers(tx, portalId, userTouches.map((touch) => touch.userId));
  const touched = await recordTouches(tx, portalId, [
    ...[...mapped.values()].flatMap((m) => m.touches),
    ...userTouches.map(({ userId, ...touch }) => ({ ...touch, ownerId: owners.get(userId) })),
  ]);
  if (sla) for (const contactId of touched) await meetSlaClock(tx, portalId, contactId, { routing, sla }, now);

  const ledgers = await loadLedgers(tx, portalId, ids);
  const judged = await rescoreLeads(
    tx,
    ctx,
    new Map(ids.map((id) => [id, { row: rows.get(id)!, facts: mapped.get(id)!.facts, factsLoaded: mapped.get(id)!.factsLoaded, ledger: ledgers.get(id)! }])),
  );
  return new Map([...judged].map(([id, outcome]) => [id, { ...outcome, newActivities: newActivities.get(id) ?? 0 }]));
}

/**
 * Settles one contact under its row lock (see settleContacts): applies its new inputs, if any, replays its
 * history into score and status, routes it when it became sales-ready, stops its clock when it was handed
 * back, and queues what changed for HubSpot. With no inputs, that is what a decision or the passing of time changed.
 */
export async function settleContact(tx: Queryable, ctx: ProcessContext, contactId: number, inputs: readonly ContactInput[] = []): Promise<ProcessOutcome> {
  return (await settleContacts(tx, ctx, new Map([[contactId, inputs]]))).get(contactId)!;
}
