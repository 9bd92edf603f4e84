import { activityProperties, trackedProperties } from '../domain/activities';
import type { LiveSettings } from '../domain/portal-settings';
import { LIST_PAGE_LIMIT } from '../hubspot/gateway-portal-client';
import { backfillOf, finishBackfill, requestBackfill, runningBackfills, startBackfill } from '../store/backfills';
import { LOCK_KEYS } from '../store/lock-keys';
import { settleBackfillPage, type BackfillPage } from './backfill-page';
import type { PipelineDeps } from './pipeline-deps';

export interface BackfillProgress {
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number | null;
}

/**
 * Scores a portal's existing contacts: pages through them within the rate limit (HubSpot's largest pages,
 * the next one read while the one in hand settles), derives fit from their current properties and their
 * engagement from the history of their activity properties, and queues the write-back. Each page settles as one
 * batch and commits with the cursor, so a restart resumes where it stopped; activity keys match the webhook
 * path's, so webhooks arriving meanwhile add no duplicate points.
 */
export class Backfill {
  private readonly now: () => Date;
  private readonly running = new Map<number, Promise<BackfillProgress>>();
  private stopping = false;

  constructor(private readonly options: PipelineDeps) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Starts (or restarts from scratch with `restart`) a portal's backfill; resumes one left running. One instance
   * runs a portal's backfill at a time: where another has it, this reports where it stands and leaves it there.
   */
  run(portalId: number, { restart = false } = {}): Promise<BackfillProgress> {
    const current = this.running.get(portalId);
    if (current) return current;
    const run = this.options.db
      .withLock(LOCK_KEYS.backfillBase + portalId, () => this.execute(portalId, restart), { wait: false })
      .then(async (outcome) => (outcome.acquired ? outcome.value : this.elsewhere(portalId)))
      .catch((error: unknown): BackfillProgress => {
        this.options.logger.error({ portalId, err: error, job: 'backfill' }, 'backfill could not start; run it again to retry');
        return { state: 'failed', done: 0, total: null };
      })
      .finally(() => this.running.delete(portalId));
    this.running.set(portalId, run);
    return run;
  }

  /** Stops after the page in hand; the backfills stay 'running' and resume at the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running.values());
  }

  /** Backfills requested (by an install on a web instance) or left running by a stopped process. */
  async unfinished(): Promise<number[]> {
    return runningBackfills(this.options.db);
  }

  /** Records that a portal needs its first backfill, for whichever worker instance looks next. */
  async request(portalId: number): Promise<void> {
    await requestBackfill(this.options.db, portalId, this.now());
  }

  /** Runs every backfill waiting in the database that no instance is running; until stopped. */
  async runUnfinished(): Promise<void> {
    if (this.stopping) return;
    for (const portalId of await this.unfinished()) void this.run(portalId);
  }

  private async elsewhere(portalId: number): Promise<BackfillProgress> {
    const row = await backfillOf(this.options.db, portalId);
    return { state: row?.state === 'done' ? 'done' : row?.state === 'failed' ? 'failed' : 'running', done: row?.done ?? 0, total: row?.total ?? null };
  }

  private async execute(portalId: number, restart: boolean): Promise<BackfillProgress> {
    const { db, gateway, settings, metrics } = this.options;
    const log = this.options.logger.child({ portalId, job: 'backfill' });
    const client = gateway.forPortal(portalId);
    const existing = await backfillOf(db, portalId);
    if (existing?.state === 'done' && !restart) return { state: 'done', done: existing.done, total: existing.total };
    let cursor = restart ? null : (existing?.cursor ?? null);
    let done = restart ? 0 : (existing?.done ?? 0);
    let total = restart ? null : (existing?.total ?? null);
    if (total === null) total = (await client.contacts.search({ limit: 1, filterGroups: [], sorts: [], properties: [] })).total;
    await startBackfill(db, portalId, { cursor, done, total }, this.now());
    log.info({ done, total, resumed: Boolean(cursor) }, cursor ? 'backfill resumed' : 'backfill started');
    const started = Date.now();
    const startedDone = done;
    const label = { portal: String(portalId) };
    metrics.backfillTotal.set(label, total);
    /**
     * Sends the read of the page at `after` at once (no statement first), for the settings `live` tracks: the page's
     * contacts with their current values, then the history of their activity properties (50 contacts a call).
     */
    const read = (after: string | null, live: LiveSettings): Promise<BackfillPage> => {
      const withHistory = activityProperties(live.settings.scoring);
      const properties = [...new Set([...trackedProperties(live.settings.scoring), ...withHistory])];
      const page = client.contacts
        .list({ limit: LIST_PAGE_LIMIT, properties, ...(after ? { after } : {}) })
        .then(async (answer) => {
          // A property that never held a value has no history: only contacts showing one of them are read again.
          const ids = answer.results
            .filter((record) => withHistory.some((name) => record.properties[name] !== undefined && record.properties[name] !== null))
            .map((record) => record.id);
          const read = ids.length > 0 && withHistory.length > 0 ? await client.contactHistory.batchRead(ids, [], withHistory) : [];
          const histories = new Map(read.map((record) => [record.id, record.propertiesWithHistory]));
          return { records: answer.results, after: answer.after ?? null, live, histories };
        });
      // A read ahead may fail while the page before it settles; it is awaited (and fails the backfill) only after
      // that page commits, so until then its rejection must not count as unhandled.
      page.catch(() => undefined);
      return page;
    };
    let reading: Promise<BackfillPage> | undefined;
    try {
      reading = read(cursor, await settings.live(portalId));
      while (reading) {
        const page: BackfillPage = await reading;
        // One read ahead: HubSpot serves the next page while this one settles, so the portal's budget and not the
        // database sets the pace. None once stopping: the page in hand is the last one.
        reading = page.after && !this.stopping ? read(page.after, await settings.live(portalId)) : undefined;
        const now = this.now();
        await db.transaction((tx) => settleBackfillPage(tx, portalId, page, now));
        done += page.records.length;
        cursor = page.after;
        const rate = (done - startedDone) / Math.max((Date.now() - started) / 1000, 0.001);
        const eta = total !== null && rate > 0 ? Math.max(total - done, 0) / rate : null;
        metrics.backfillDone.set(label, done);
        metrics.backfillRate.set(label, rate);
        if (eta !== null) metrics.backfillEtaSeconds.set(label, eta);
        log.info({ done, total, contactsPerSecond: Math.round(rate * 10) / 10, etaSeconds: eta === null ? null : Math.round(eta) }, 'backfill progress');
        if (cursor && this.stopping) {
          // A page read ahead is dropped (the cursor still points at it), but stop() waits for the read to end.
          await reading?.catch(() => undefined);
          log.info({ done, total }, 'backfill paused by shutdown; it resumes at the next start');
          return { state: 'running', done, total };
        }
      }
      await finishBackfill(db, portalId, {}, this.now());
      metrics.backfillEtaSeconds.set(label, 0);
      log.info({ done, total }, 'backfill finished');
      return { state: 'done', done, total };
    } catch (error) {
      await finishBackfill(db, portalId, { failed: error instanceof Error ? error.message : String(error) }, this.now());
      log.error({ err: error, done, total }, 'backfill failed; run it again to resume from where it stopped');
      return { state: 'failed', done, total };
    }
  }
}
