import { mapContactEvent, mapEngagement, type Activity, type ContactEvent, type ContactFacts, type EngagementInput } from '../domain/activities';
import type { LiveSettings } from '../domain/portal-settings';
import { qualify } from '../domain/qualification';
import { award, explain } from '../domain/scoring';
import { assignmentProperties, changedProperties, desiredProperties, slaProperties } from '../domain/write-back/desired-properties';
import type { Queryable } from '../store/db';
import {
  clearOutbox,
  insertActivities,
  insertLedger,
  loadDecisions,
  loadLedger,
  lockContact,
  recordTransition,
  saveContactState,
  latestAssignment,
  upsertOutbox,
  type ContactRow,
} from '../store/lead-store';
import { requestRouting } from './route-sales-ready';
import { closeSlaClock, latestClock, meetSlaClock, recordTouch, SALES_ACTIVITY_PROPERTIES, touchKindOf } from './sla-clocks';

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

export interface ProcessOutcome {
  newActivities: number;
  status: string;
  statusChanged: boolean;
  outboxChanged: boolean;
  /** Became sales-ready and waits for its company's owner to be read before it is routed (see routeWaitingLeads). */
  awaitingRouting: boolean;
}

const occurredAt = (input: ContactInput): number =>
  input.kind === 'event' ? input.event.occurredAt : input.kind === 'engagement' ? input.engagement.occurredAt : input.occurredAt;

/**
 * Applies a contact's inputs under its row lock: activities stored once, points awarded once per
 * (activity, rule), then the lead rescored and its desired HubSpot values queued if they changed.
 */
export async function processContact(tx: Queryable, ctx: ProcessContext, contactId: number, inputs: readonly ContactInput[]): Promise<ProcessOutcome> {
  const row = await lockContact(tx, ctx.portalId, contactId);
  const { scoring } = ctx.live.settings;
  let facts: ContactFacts = row.facts;
  let factsLoaded = row.facts_loaded;
  const activities: Activity[] = [];
  let touched = false;
  for (const input of [...inputs].sort((a, b) => occurredAt(a) - occurredAt(b))) {
    switch (input.kind) {
      case 'event': {
        const mapped = mapContactEvent(input.event, facts, scoring.mapping);
        facts = mapped.facts;
        activities.push(...mapped.activities);
        touched = (await recordSalesActivityTouch(tx, ctx.portalId, contactId, input.event)) || touched;
        break;
      }
      case 'engagement': {
        const { engagement } = input;
        activities.push(...mapEngagement(engagement, scoring.mapping));
        const touch = { key: engagement.key, kind: touchKindOf(engagement.objectType), ownerId: engagement.properties.hubspot_owner_id, at: engagement.occurredAt };
        touched = (await recordTouch(tx, ctx.portalId, contactId, touch)) || touched;
        break;
      }
      case 'facts':
        // Values HubSpot holds now; a change event already seen for a property wins over a stale read.
        facts = { ...input.properties, ...facts };
        factsLoaded = true;
        break;
      case 'activities':
        activities.push(...input.activities);
        break;
    }
  }
  const added = await insertActivities(tx, ctx.portalId, contactId, activities);
  await insertLedger(tx, ctx.portalId, contactId, added.flatMap((activity) => award(scoring, activity)));
  if (touched && ctx.live.settings.sla) await meetSlaClock(tx, ctx.portalId, contactId, { routing: ctx.live.settings.routing, sla: ctx.live.settings.sla }, ctx.now);
  const outcome = await rescore(tx, ctx, row, facts, factsLoaded);
  return { newActivities: added.length, ...outcome };
}

/** Recomputes a contact's score and status from its ledger at `now`, and queues what changed for HubSpot. */
export async function rescoreContact(tx: Queryable, ctx: ProcessContext, contactId: number): Promise<Omit<ProcessOutcome, 'newActivities'>> {
  const row = await lockContact(tx, ctx.portalId, contactId);
  return rescore(tx, ctx, row, row.facts, row.facts_loaded);
}

async function rescore(
  tx: Queryable,
  ctx: ProcessContext,
  row: ContactRow,
  facts: ContactFacts,
  factsLoaded: boolean,
): Promise<Omit<ProcessOutcome, 'newActivities'>> {
  const { portalId, now } = ctx;
  const contactId = row.contact_id;
  const { scoring, writeBack } = ctx.live.settings;
  const ledger = await loadLedger(tx, portalId, contactId);
  const decisions = await loadDecisions(tx, portalId, contactId);
  const { status, transitions, score } = qualify(scoring, ledger, facts, decisions, now.getTime());
  const statusChanged = status !== row.status;
  const last = transitions[transitions.length - 1];
  if (statusChanged) {
    await recordTransition(tx, portalId, contactId, {
      from: row.status,
      to: status,
      at: last ? new Date(last.at) : now,
      reason: last?.reason ?? 'rescored',
    });
  }
  let awaitingRouting = false;
  if (statusChanged && status === 'sql') {
    const lead = { contactId: String(contactId), properties: facts, score: { total: score.total, fit: score.fit, engagement: score.engagement }, grade: score.grade, status };
    awaitingRouting = await requestRouting(tx, portalId, ctx.live, lead, now);
  }
  if (statusChanged && row.status === 'sql' && status !== 'sql') {
    // Handed back (recycled, disqualified): the first-touch clock stops.
    await closeSlaClock(tx, portalId, contactId, 'recycled', now);
  }
  const reasons = explain(score);
  await saveContactState(tx, portalId, contactId, {
    facts,
    factsLoaded,
    status,
    // The replay says since when: an earlier event learnt later moves it, even when the status stays.
    statusSince: last ? new Date(last.at) : statusChanged ? now : row.status_since,
    score: score.total,
    fit: score.fit,
    engagement: score.engagement,
    grade: score.grade,
    reasons,
    settingsVersion: ctx.live.version,
    scoredAt: now,
  });
  const desired = {
    ...desiredProperties(
      { status, total: score.total, fit: score.fit, engagement: score.engagement, grade: score.grade, reasons },
      facts.lifecyclestage,
      writeBack,
    ),
    ...assignmentProperties(await latestAssignment(tx, portalId, contactId)),
    ...slaProperties(await latestClock(tx, portalId, contactId)),
  };
  const outboxChanged = Object.keys(changedProperties(desired, row.written)).length > 0;
  if (outboxChanged) await upsertOutbox(tx, portalId, contactId, desired, now);
  else await clearOutbox(tx, portalId, contactId);
  return { status, statusChanged, outboxChanged, awaitingRouting };
}

/**
 * A sales-activity property change by a HubSpot user (sourceId "userId:<id>") is a touch by the owner that
 * user is; changes by integrations (this app's own write-back included) or workflows are not.
 */
async function recordSalesActivityTouch(tx: Queryable, portalId: number, contactId: number, event: ContactEvent): Promise<boolean> {
  if (!event.propertyName || !SALES_ACTIVITY_PROPERTIES.includes(event.propertyName)) return false;
  const userId = /^userId:(\d{1,15})$/.exec(event.sourceId ?? '')?.[1];
  if (!userId) return false;
  const [owner] = await tx.query<{ owner_id: string }>('SELECT owner_id FROM owners WHERE portal_id = $1 AND user_id = $2', [portalId, Number(userId)]);
  return owner ? recordTouch(tx, portalId, contactId, { key: event.key, kind: 'property', ownerId: owner.owner_id, at: event.occurredAt }) : false;
}
