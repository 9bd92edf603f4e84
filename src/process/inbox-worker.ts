import { randomUUID } from 'node:crypto';
import { withRepAvailability } from '../leads/effective-settings';
import type { ContactEvent, EngagementInput } from '../domain/activities';
import { fitProperties } from '../domain/fit-properties';
import type { LiveSettings } from '../domain/portal-settings';
import { PortalInactiveError } from '../hubspot/token-provider';
import type { Logger } from '../log';
import type { Db, Queryable } from '../store/db';
import { QUEUE_RETRY } from '../store/queue-retry';
import { moveContactHistory, purgeContact } from '../store/lead-store';
import { claimInbox, markFailed, markProcessed, portalsWithReadyEvents, type ClaimedEvent } from '../store/inbox-claims';
import { presentValues, type PipelineDeps } from './pipeline-deps';
import { settleContact, settleContacts, type ContactInput, type ProcessContext, type ProcessOutcome } from './settle-contacts';
import { routeWaitingLeads } from '../leads/route-waiting-leads';

/** HubSpot object type ids of the engagements the app reads, by their v3 names. */
export const ENGAGEMENT_OBJECT_TYPES: Record<string, EngagementInput['objectType']> = {
  '0-48': 'calls',
  '0-49': 'emails',
  '0-47': 'meetings',
  '0-46': 'notes',
  '0-27': 'tasks',
};
const ENGAGEMENT_PROPERTIES = ['hs_timestamp', 'hubspot_owner_id', 'hs_email_direction', 'hs_call_direction', 'hs_call_status', 'hs_meeting_outcome'];

export interface WorkerOptions extends PipelineDeps {
  id?: string;
  /** Events claimed at once from one portal. */
  batchSize?: number;
  /** Portals a round works on at once. */
  portalsAtOnce?: number;
  leaseMs?: number;
  maxAttempts?: number;
}

interface ContactWork {
  inputs: ContactInput[];
  events: ClaimedEvent[];
}

/**
 * Turns inbox events into scores: claims a batch, resolves engagements to contacts and new contacts'
 * fit properties with batch reads, then processes each contact in its own transaction, marking its
 * events processed in that same transaction (so a crash loses nothing and counts nothing twice).
 */
export class InboxWorker {
  readonly id: string;
  private readonly now: () => Date;
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: WorkerOptions) {
    this.id = options.id ?? `worker-${randomUUID()}`;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * One round: up to `portalsAtOnce` portals with ready events (the oldest first), each claiming a batch of
   * its own events and processed at once beside the others. A batch of one portal makes its HubSpot reads
   * cover as many events as they can, and each portal waits only on its own HubSpot budget. Returns how many
   * events it claimed.
   */
  async runOnce(): Promise<number> {
    const { db, batchSize = 1_000, leaseMs = 60_000, portalsAtOnce = 16 } = this.options;
    const now = this.now();
    const portals = await portalsWithReadyEvents(db, now, portalsAtOnce);
    const claimed = await Promise.all(
      portals.map(async (portalId) => {
        const events = await claimInbox(db, this.id, now, batchSize, leaseMs, portalId);
        if (events.length > 0) await this.processPortal(portalId, events);
        return events.length;
      }),
    );
    return claimed.reduce((sum, count) => sum + count, 0);
  }

  /** Drains the inbox until it is empty (tests, benchmarks, backfill). */
  async drain(): Promise<void> {
    while ((await this.runOnce()) > 0);
  }

  start(pollMs = 250): void {
    const loop = async () => {
      while (!this.stopping) {
        try {
          if ((await this.runOnce()) === 0) await new Promise((resolve) => setTimeout(resolve, pollMs));
        } catch (error) {
          this.options.logger.error({ err: error, worker: this.id }, 'inbox worker round failed');
          await new Promise((resolve) => setTimeout(resolve, pollMs * 4));
        }
      }
    };
    this.running = loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  private async processPortal(portalId: number, events: ClaimedEvent[]): Promise<void> {
    const log = this.options.logger.child({ portalId, worker: this.id });
    try {
      const live = await withRepAvailability(this.options.db, portalId, await this.options.settings.live(portalId));
      const work = await this.collectWork(portalId, events, live, log);
      const ctx: ProcessContext = { portalId, live, now: this.now() };
      const awaitingRouting = await this.settleAll(ctx, work.contacts, log);
      // Leads that just became sales-ready and wait for their company's owner: routed now (the hold queue retries).
      if (awaitingRouting.length > 0) await routeWaitingLeads(this.options, portalId, live, awaitingRouting, this.now());
      for (const event of work.lifecycle) {
        await this.settle([event], log, event.object_id, (tx) => this.applyLifecycle(tx, ctx, event));
      }
    } catch (error) {
      await this.fail(events, error, log);
    }
  }

  /**
   * Settles every contact of the batch in one transaction that also marks their events processed. When it
   * fails, each contact is settled in a transaction of its own, so the one that fails alone is retried
   * (and in the end dead-lettered) and the rest commit. Returns the leads waiting to be routed.
   */
  private async settleAll(ctx: ProcessContext, contacts: Map<number, ContactWork>, log: Logger): Promise<number[]> {
    if (contacts.size === 0) return [];
    const waiting = (outcomes: Map<number, ProcessOutcome>) => [...outcomes].filter(([, outcome]) => outcome.awaitingRouting).map(([id]) => id);
    const settle = async (group: Map<number, ContactWork>) => {
      const events = [...group.values()].flatMap((work) => work.events);
      const started = process.hrtime.bigint();
      const outcomes = await this.options.db.transaction(async (tx) => {
        const settled = await settleContacts(tx, ctx, new Map([...group].map(([id, work]) => [id, work.inputs])));
        await markProcessed(tx, [...new Set(events.map((e) => e.id))], this.id, this.now());
        return settled;
      });
      this.options.metrics.processed.inc(events.length);
      this.options.metrics.contactSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9 / group.size);
      return waiting(outcomes);
    };
    try {
      return await settle(contacts);
    } catch (error) {
      if (contacts.size === 1) {
        const [contactId, work] = [...contacts][0]!;
        await this.fail(work.events, error, log.child({ contactId }));
        return [];
      }
      log.debug({ err: error, contacts: contacts.size }, 'batch failed; settling its contacts one by one');
      const awaiting: number[] = [];
      for (const [contactId, work] of contacts) awaiting.push(...(await this.settleAll(ctx, new Map([[contactId, work]]), log)));
      return awaiting;
    }
  }

  /** Runs one unit of work and marks its events processed in the same transaction, or fails them. */
  private async settle(events: ClaimedEvent[], log: Logger, contactId: number, work: (tx: Queryable) => Promise<unknown>): Promise<void> {
    const started = process.hrtime.bigint();
    try {
      await this.options.db.transaction(async (tx) => {
        await work(tx);
        await markProcessed(tx, events.map((e) => e.id), this.id, this.now());
      });
      this.options.metrics.processed.inc(events.length);
      this.options.metrics.contactSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    } catch (error) {
      await this.fail(events, error, log.child({ contactId }));
    }
  }

  private async fail(events: ClaimedEvent[], error: unknown, log: Logger): Promise<void> {
    const inactive = error instanceof PortalInactiveError;
    const message = error instanceof Error ? error.message : String(error);
    const policy = { ...QUEUE_RETRY.inbox, ...(this.options.maxAttempts !== undefined ? { maxAttempts: this.options.maxAttempts } : {}) };
    const dead = await markFailed(this.options.db, events, this.id, message, this.now(), inactive ? { ...policy, maxAttempts: 0 } : policy);
    this.options.metrics.failed.inc(events.length);
    this.options.metrics.deadLettered.inc(dead);
    if (inactive) log.warn({ events: events.length }, 'events for an inactive portal dead-lettered');
    else log.warn({ err: error, events: events.length, deadLettered: dead }, 'inbox events failed; retried with backoff');
  }

  /** Sorts a portal's events into per-contact inputs, resolving engagements and new contacts' fit with batch reads. */
  private async collectWork(portalId: number, events: ClaimedEvent[], live: LiveSettings, log: Logger) {
    const contacts = new Map<number, ContactWork>();
    const lifecycle: ClaimedEvent[] = [];
    const add = (contactId: number, input: ContactInput, event: ClaimedEvent) => {
      const work = contacts.get(contactId) ?? { inputs: [], events: [] };
      work.inputs.push(input);
      if (!work.events.includes(event)) work.events.push(event);
      contacts.set(contactId, work);
    };
    const engagements: ClaimedEvent[] = [];
    for (const event of events) {
      const type = event.subscription_type;
      if (type === 'contact.deletion' || type === 'contact.privacyDeletion' || type === 'contact.merge') lifecycle.push(event);
      else if (type.startsWith('object.')) engagements.push(event);
      else add(event.object_id, { kind: 'event', event: toContactEvent(event) }, event);
    }
    await this.resolveEngagements(portalId, engagements, add, log);
    await this.loadNewContactFacts(portalId, contacts, live);
    return { contacts, lifecycle };
  }

  private async resolveEngagements(
    portalId: number,
    events: ClaimedEvent[],
    add: (contactId: number, input: ContactInput, event: ClaimedEvent) => void,
    log: Logger,
  ): Promise<void> {
    const client = this.options.gateway.forPortal(portalId);
    const byType = new Map<EngagementInput['objectType'], ClaimedEvent[]>();
    for (const event of events) {
      const objectType = ENGAGEMENT_OBJECT_TYPES[String(event.payload.objectTypeId ?? '')];
      if (!objectType) {
        await this.options.db.transaction((tx) => markProcessed(tx, [event.id], this.id, this.now()));
        continue;
      }
      const typed = byType.get(objectType);
      if (typed) typed.push(event);
      else byType.set(objectType, [event]);
    }
    for (const [objectType, typed] of byType) {
      try {
        const ids = [...new Set(typed.map((e) => String(e.object_id)))];
        const [records, associations] = await Promise.all([
          client.objects.batchRead(objectType, ids, ENGAGEMENT_PROPERTIES),
          client.associations.batchRead(objectType, 'contacts', ids),
        ]);
        const byId = new Map(records.map((record) => [record.id, record]));
        for (const event of typed) {
          const record = byId.get(String(event.object_id));
          const contactIds = associations.get(String(event.object_id)) ?? [];
          if (!record || contactIds.length === 0) {
            // Deleted since, or logged on no contact: nothing to score.
            await this.options.db.transaction((tx) => markProcessed(tx, [event.id], this.id, this.now()));
            continue;
          }
          for (const contactId of contactIds) {
            const engagement: EngagementInput = {
              // One engagement scores once, whichever of its events (or retries) carried it.
              key: `${objectType}:${record.id}`,
              objectType,
              id: record.id,
              occurredAt: event.occurred_at.getTime(),
              properties: record.properties,
            };
            add(Number(contactId), { kind: 'engagement', engagement }, event);
          }
        }
      } catch (error) {
        await this.fail(typed, error, log.child({ objectType }));
      }
    }
  }

  /** New contacts' fit inputs come from one batch read per 100 (only fit properties: counters come from events). */
  private async loadNewContactFacts(portalId: number, contacts: Map<number, ContactWork>, live: LiveSettings): Promise<void> {
    if (contacts.size === 0) return;
    const ids = [...contacts.keys()];
    const known = await this.options.db.query<{ contact_id: number }>(
      'SELECT contact_id FROM contacts WHERE portal_id = $1 AND contact_id = ANY($2::bigint[]) AND facts_loaded',
      [portalId, ids],
    );
    const loaded = new Set(known.map((row) => row.contact_id));
    const missing = ids.filter((id) => !loaded.has(id));
    if (missing.length === 0) return;
    const records = await this.options.gateway
      .forPortal(portalId)
      // The lifecycle stage too: the write-back only ever moves a contact forward from the stage it is in.
      .contacts.batchRead(missing.map(String), [...fitProperties(live.settings.scoring), 'lifecyclestage']);
    const readAt = this.now().getTime();
    for (const record of records) {
      contacts.get(Number(record.id))?.inputs.push({ kind: 'facts', properties: presentValues(record.properties), occurredAt: readAt });
    }
  }

  private async applyLifecycle(tx: Queryable, ctx: ProcessContext, event: ClaimedEvent): Promise<void> {
    const payload = event.payload;
    if (event.subscription_type !== 'contact.merge') {
      await purgeContact(tx, ctx.portalId, event.object_id);
      return;
    }
    const survivor = Number(payload.newObjectId ?? payload.primaryObjectId ?? event.object_id);
    const merged = [payload.primaryObjectId, ...((payload.mergedObjectIds as unknown[]) ?? [])]
      .map(Number)
      .filter((id) => Number.isFinite(id) && id !== survivor);
    await settleContact(tx, ctx, survivor); // locks the survivor first, creating it if new
    for (const id of merged) await moveContactHistory(tx, ctx.portalId, id, survivor);
    await settleContact(tx, ctx, survivor);
  }
}

function toContactEvent(event: ClaimedEvent): ContactEvent {
  const payload = event.payload;
  return {
    key: event.event_key,
    subscriptionType: event.subscription_type,
    objectId: event.object_id,
    occurredAt: event.occurred_at.getTime(),
    ...(typeof payload.propertyName === 'string' ? { propertyName: payload.propertyName } : {}),
    ...(payload.propertyValue !== undefined && payload.propertyValue !== null ? { propertyValue: String(payload.propertyValue) } : {}),
    ...(typeof payload.changeSource === 'string' ? { changeSource: payload.changeSource } : {}),
    ...(typeof payload.sourceId === 'string' ? { sourceId: payload.sourceId } : {}),
  };
}
