import type { LiveSettings } from '../domain/portal-settings';
import { award, type LedgerEntry } from '../domain/scoring';
import type { Logger } from '../log';
import type { Db } from '../store/db';
import { loadActivitiesOf, lockContacts, replaceLedgers } from '../store/contact-batches';
import { yieldWhenBusy } from '../yield-when-busy';
import { settleContacts } from './settle-contacts';

/**
 * Contacts rescored per transaction, a few statements for each chunk. The embedded database reads a
 * statement's whole answer in one turn of the event loop, and a large model's ledgers are large, so its
 * chunks stay small; PostgreSQL's answers stream in, so its chunks are as large as throughput wants.
 */
export const rescoreChunk = (db: Pick<Db, 'kind'>): number => (db.kind === 'pglite' ? 25 : 500);

export interface RescoreProgress {
  state: 'idle' | 'running' | 'done';
  done: number;
  total: number;
}

/**
 * After a model is published: every contact's ledger is rebuilt from its activities under the new model
 * and the lead rescored, a chunk of contacts per transaction; the outbox carries only values that changed.
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
      const size = rescoreChunk(db);
      for (let start = 0; start < ids.length; start += size) {
        const chunk = ids.slice(start, start + size);
        await db.transaction(async (tx) => {
          await lockContacts(tx, portalId, chunk);
          const activities = await loadActivitiesOf(tx, portalId, chunk);
          const entries: Array<{ contactId: number; entry: LedgerEntry }> = [];
          for (const contactId of chunk) {
            for (const activity of activities.get(contactId)!) entries.push(...award(live.settings.scoring, activity).map((entry) => ({ contactId, entry })));
            await yieldWhenBusy();
          }
          await replaceLedgers(tx, portalId, chunk, entries);
          await settleContacts(tx, { portalId, live, now }, new Map(chunk.map((contactId) => [contactId, []])));
        });
        progress.done += chunk.length;
        // Awarding and rescoring are CPU work between the statements; the loop gets its turn here too.
        await yieldWhenBusy();
      }
      progress.state = 'done';
      this.deps.logger.info({ portalId, version: live.version, contacts: ids.length }, 'portal rescored under the published model');
    } catch (error) {
      progress.state = 'done';
      this.deps.logger.error({ portalId, err: error, done: progress.done }, 'portal rescore failed');
    }
  }
}
