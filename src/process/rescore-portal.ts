import type { LiveSettings } from '../domain/portal-settings';
import { award, type LedgerEntry } from '../domain/scoring';
import type { Logger } from '../log';
import { loadActivitiesWithLedgers, lockKnownContacts, replaceActivityLedgers, type ContactLedgerEntry } from '../store/contact-batches';
import type { Db, Queryable } from '../store/db';
import { advanceRescore, finishRescore, startRescore } from '../store/rescores';
import { yieldWhenBusy } from '../yield-when-busy';
import { forEachContactChunk } from './contact-chunks';
import type { ProcessContext } from './settle-contacts';
import { rescoreLeads, type LeadBasis } from './rescore-leads';

export interface RescoreProgress {
  state: 'idle' | 'running' | 'done';
  done: number;
  total: number;
}

/**
 * After a model is published: every contact's ledger is brought to what its activities earn under the new
 * model and the lead rescored, a chunk of contacts per transaction. Only what changed is written: the ledger
 * rows whose points moved, the contacts whose state moved, the outbox of those whose HubSpot values moved.
 * The progress is also kept in the database (counted with each chunk), for an instance that did not run it.
 */
export class PortalRescorer {
  private readonly progress = new Map<number, RescoreProgress>();
  private readonly running = new Map<number, Promise<void>>();

  constructor(private readonly deps: { db: Db; logger: Logger; now: () => Date }) {}

  status(portalId: number): RescoreProgress {
    return this.progress.get(portalId) ?? { state: 'idle', done: 0, total: 0 };
  }

  /** Starts a rescore under `live`; a rescore already running for the portal finishes first. */
  start(portalId: number, live: LiveSettings): Promise<void> {
    // Running from the moment it is asked for, so nobody polling sees the previous run's "done".
    this.progress.set(portalId, { state: 'running', done: 0, total: this.status(portalId).total });
    const previous = this.running.get(portalId) ?? Promise.resolve();
    const run = previous.then(() => this.rescore(portalId, live));
    this.running.set(portalId, run);
    return run;
  }

  async idle(): Promise<void> {
    await Promise.all(this.running.values());
  }

  private async rescore(portalId: number, live: LiveSettings): Promise<void> {
    const { db } = this.deps;
    const ids = (await db.query<{ contact_id: number }>('SELECT contact_id FROM contacts WHERE portal_id = $1 ORDER BY contact_id', [portalId])).map(
      (row) => row.contact_id,
    );
    const progress: RescoreProgress = { state: 'running', done: 0, total: ids.length };
    this.progress.set(portalId, progress);
    const now = this.deps.now();
    try {
      await startRescore(db, portalId, live.version, ids.length, now);
      await forEachContactChunk(
        db,
        ids,
        async (tx, chunk) => {
          await rescoreChunkOf(tx, { portalId, live, now }, chunk);
          await advanceRescore(tx, portalId, chunk.length, this.deps.now());
        },
        (chunk) => (progress.done += chunk.length),
      );
      progress.state = 'done';
      await finishRescore(db, portalId, {}, this.deps.now());
      this.deps.logger.info({ portalId, version: live.version, contacts: ids.length }, 'portal rescored under the published model');
    } catch (error) {
      progress.state = 'done';
      this.deps.logger.error({ portalId, err: error, done: progress.done }, 'portal rescore failed');
      await finishRescore(db, portalId, { failed: error instanceof Error ? error.message : String(error) }, this.deps.now()).catch((failure: unknown) =>
        this.deps.logger.error({ portalId, err: failure }, 'rescore outcome could not be recorded'),
      );
    }
  }
}

/** Whether an activity's ledger entries are the ones it earns now: same rules, same points (one entry per rule). */
const sameAwards = (awarded: Readonly<Record<string, number>>, earned: readonly LedgerEntry[]): boolean =>
  Object.keys(awarded).length === earned.length && earned.every((entry) => Object.hasOwn(awarded, entry.ruleId) && awarded[entry.ruleId] === entry.points);

/**
 * One chunk under its row locks: each activity is awarded under the new model and only the activities whose
 * entries differ have their ledger rewritten; contacts deleted since the run listed them are skipped, not created again.
 */
async function rescoreChunkOf(tx: Queryable, ctx: ProcessContext, chunk: readonly number[]): Promise<void> {
  const { scoring } = ctx.live.settings;
  const rows = await lockKnownContacts(tx, ctx.portalId, chunk);
  const ids = [...rows.keys()];
  const stored = await loadActivitiesWithLedgers(tx, ctx.portalId, ids);
  const leads = new Map<number, LeadBasis>();
  const rewritten: Array<{ contactId: number; key: string }> = [];
  const entries: ContactLedgerEntry[] = [];
  for (const contactId of ids) {
    const ledger: LedgerEntry[] = [];
    for (const { activity, awarded, awardedInTime } of stored.get(contactId)!) {
      const earned = award(scoring, activity);
      ledger.push(...earned);
      if (awardedInTime && sameAwards(awarded, earned)) continue;
      rewritten.push({ contactId, key: activity.key });
      for (const entry of earned) entries.push({ contactId, entry });
    }
    const row = rows.get(contactId)!;
    leads.set(contactId, { row, facts: row.facts, factsLoaded: row.facts_loaded, ledger });
    // Awarding a large model is CPU work: the loop gets its turns between contacts.
    await yieldWhenBusy();
  }
  await replaceActivityLedgers(tx, ctx.portalId, rewritten, entries);
  await rescoreLeads(tx, ctx, leads);
}
