import { Counter, Histogram, type Registry } from 'prom-client';
import type { Db } from '../store/db';

/** One valid event, ready for the inbox. */
export interface InboxRow {
  portalId: number;
  eventKey: string;
  subscriptionType: string;
  objectId: number;
  /** Epoch milliseconds. */
  occurredAt: number;
  /** The event as HubSpot sent it. */
  payload: unknown;
}

/** One event that failed validation, kept with the reason. */
export interface RejectedEvent {
  portalId: number | null;
  reason: string;
  payload: unknown;
}

/** What one webhook request stores: all of it lands in the same commit. */
export interface InboxWrite {
  rows: readonly InboxRow[];
  rejected: readonly RejectedEvent[];
}

export interface InboxWriteResult {
  /** Rows this write added to the inbox. */
  accepted: number;
  /** Rows already in the inbox, or given earlier in the same flush. */
  duplicates: number;
}

export interface InboxWriterOptions {
  db: Db;
  registry?: Registry;
  /** A flush takes whole writes until it holds this many rows (a single larger write goes alone). */
  maxRowsPerFlush?: number;
  /**
   * Flushes in flight at once; writes arriving meanwhile wait for the next free one. Default: 1 on PGlite
   * (one connection), 4 on PostgreSQL, whose backends insert in parallel (measured ~1.5× faster than 1 there).
   */
  maxConcurrentFlushes?: number;
}

interface Waiting {
  write: InboxWrite;
  resolve: (result: InboxWriteResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for webhook deliveries: the writes of concurrent requests are stored by ONE statement (one
 * round trip, one implicit transaction) and each request's promise settles when that statement has
 * committed. Nothing waits on a timer: an idle writer flushes a write at once, and writes that arrive
 * while the flushes in flight are busy go together into the next one.
 */
export class InboxWriter {
  private readonly db: Db;
  private readonly maxRows: number;
  readonly maxConcurrentFlushes: number;
  private readonly metrics: ReturnType<typeof flushMetrics>;
  private readonly waiting: Waiting[] = [];
  private flushing = 0;

  constructor(options: InboxWriterOptions) {
    this.db = options.db;
    this.maxRows = options.maxRowsPerFlush ?? 2_000;
    this.maxConcurrentFlushes = options.maxConcurrentFlushes ?? (options.db.kind === 'postgres' ? 4 : 1);
    this.metrics = flushMetrics(options.registry);
  }

  /** Stores the rows (idempotently) and the rejected events; resolves once they are committed. */
  write(write: InboxWrite): Promise<InboxWriteResult> {
    if (write.rows.length === 0 && write.rejected.length === 0) return Promise.resolve({ accepted: 0, duplicates: 0 });
    return new Promise((resolve, reject) => {
      this.waiting.push({ write, resolve, reject });
      this.pump();
    });
  }

  /** Writes waiting for a flush to start. */
  get queued(): number {
    return this.waiting.length;
  }

  private pump(): void {
    while (this.flushing < this.maxConcurrentFlushes && this.waiting.length > 0) {
      const group = this.nextGroup();
      this.flushing += 1;
      void this.flush(group).finally(() => {
        this.flushing -= 1;
        this.pump();
      });
    }
  }

  private nextGroup(): Waiting[] {
    let rows = 0;
    let count = 0;
    for (const { write } of this.waiting) {
      const size = write.rows.length + write.rejected.length;
      if (count > 0 && rows + size > this.maxRows) break;
      rows += size;
      count += 1;
    }
    return this.waiting.splice(0, count);
  }

  private async flush(group: Waiting[]): Promise<void> {
    try {
      const results = await this.commit(group.map((waiting) => waiting.write));
      group.forEach((waiting, index) => waiting.resolve(results[index]!));
    } catch (error) {
      if (group.length > 1 && isDataError(error)) {
        // One request's data (a value PostgreSQL cannot store) must not fail the requests it was grouped with.
        for (const waiting of group) await this.flush([waiting]);
        return;
      }
      for (const waiting of group) waiting.reject(error);
    }
  }

  private async commit(writes: readonly InboxWrite[]): Promise<InboxWriteResult[]> {
    const stopTimer = this.metrics.seconds.startTimer();
    try {
      const results = await this.insert(writes);
      this.metrics.requests.observe(writes.length);
      this.metrics.rows.observe(writes.reduce((sum, write) => sum + write.rows.length + write.rejected.length, 0));
      return results;
    } catch (error) {
      this.metrics.failures.inc();
      throw error;
    } finally {
      stopTimer();
    }
  }

  private async insert(writes: readonly InboxWrite[]): Promise<InboxWriteResult[]> {
    const keyOf = (row: InboxRow) => `${row.portalId}:${row.eventKey}`;
    const first = new Map<string, InboxRow>();
    for (const { rows } of writes) {
      for (const row of rows) if (!first.has(keyOf(row))) first.set(keyOf(row), row);
    }
    // The same key order in every flush (of every instance) keeps concurrent inserts from deadlocking.
    const unique = [...first.values()].sort((a, b) => a.portalId - b.portalId || (a.eventKey < b.eventKey ? -1 : a.eventKey > b.eventKey ? 1 : 0));
    const rejected = writes.flatMap((write) => write.rejected.map((r) => ({ portal_id: r.portalId, reason: r.reason, payload: r.payload })));
    const params = [
      JSON.stringify(
        unique.map((row) => ({
          portal_id: row.portalId,
          event_key: row.eventKey,
          subscription_type: row.subscriptionType,
          object_id: row.objectId,
          occurred_at: new Date(row.occurredAt).toISOString(),
          payload: row.payload,
        })),
      ),
    ];
    const inserted = await this.db.query<{ portal_id: number; event_key: string }>(
      rejected.length === 0 ? INSERT_INBOX_SQL : `${INSERT_REJECTED_CTE} ${INSERT_INBOX_SQL}`,
      rejected.length === 0 ? params : [...params, JSON.stringify(rejected)],
    );
    const added = new Set(inserted.map((row) => `${row.portal_id}:${row.event_key}`));
    return writes.map(({ rows }) => {
      const accepted = rows.filter((row) => added.has(keyOf(row)) && first.get(keyOf(row)) === row).length;
      return { accepted, duplicates: rows.length - accepted };
    });
  }
}

/**
 * One statement for the whole flush: each parameter is one JSON array expanded by jsonb_to_recordset (a
 * parameter per table, not per value, so no bind-parameter limit; measured faster than unnest of
 * per-column arrays on both PGlite and PostgreSQL). Rejected events, when there are any, ride along in a
 * data-modifying CTE of the same statement.
 */
const INSERT_INBOX_SQL = `
INSERT INTO inbox (portal_id, event_key, subscription_type, object_id, occurred_at, payload)
SELECT portal_id, event_key, subscription_type, object_id, occurred_at, payload
FROM jsonb_to_recordset($1::jsonb)
  AS r(portal_id bigint, event_key text, subscription_type text, object_id bigint, occurred_at timestamptz, payload jsonb)
ON CONFLICT (portal_id, event_key) DO NOTHING
RETURNING portal_id, event_key`;

const INSERT_REJECTED_CTE = `
WITH rejected AS (
  INSERT INTO rejected_events (portal_id, reason, payload)
  SELECT portal_id, reason, coalesce(payload, 'null'::jsonb)
  FROM jsonb_to_recordset($2::jsonb) AS r(portal_id bigint, reason text, payload jsonb)
)`;

/** SQLSTATE class 22 (data exception): the data was refused, the database itself is fine. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

function flushMetrics(registry?: Registry) {
  const registers = registry ? [registry] : [];
  const single = <T>(name: string, create: () => T): T => (registry?.getSingleMetric(name) as T | undefined) ?? create();
  return {
    requests: single(
      'lead_manager_inbox_flush_requests',
      () => new Histogram({ name: 'lead_manager_inbox_flush_requests', help: 'Webhook requests stored per inbox flush (group commit)', buckets: [1, 2, 3, 5, 10, 20, 50], registers }),
    ),
    rows: single(
      'lead_manager_inbox_flush_rows',
      () => new Histogram({ name: 'lead_manager_inbox_flush_rows', help: 'Events (inbox and rejected) per inbox flush', buckets: [1, 10, 100, 250, 500, 1000, 2500, 5000], registers }),
    ),
    seconds: single(
      'lead_manager_inbox_flush_seconds',
      () => new Histogram({ name: 'lead_manager_inbox_flush_seconds', help: 'Time to commit one inbox flush', buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers }),
    ),
    failures: single(
      'lead_manager_inbox_flush_failures_total',
      () => new Counter({ name: 'lead_manager_inbox_flush_failures_total', help: 'Inbox flushes the database refused or could not take', registers }),
    ),
  };
}
