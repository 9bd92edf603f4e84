import { Counter, Histogram, type Registry } from 'prom-client';
import type { Db } from '../store/db';

/** One valid event, ready for the inbox. */
export interface InboxRow {
  portalId: number;
  /** Unique within the portal; never holds a line break (a flush sends the keys one a line). */
  eventKey: string;
  /** Never holds a line break either. */
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
  /**
   * The rows' payloads as one JSON array, in row order, when the caller has that text already (a webhook
   * body whose events are all stored as sent); otherwise the payloads are serialised here.
   */
  payloadsJson?: string | undefined;
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
   * Flushes in flight at once; writes arriving meanwhile wait for the next free one. Default: one per
   * connection of the database (1 on PGlite). Concurrent requests then each go at once, side by side, as
   * long as there are connections for them (measured: 4 flushes for 10 concurrent requests was ~15%
   * slower than 10 on PostgreSQL, the parallelism lost costing more than grouping saved), and only
   * requests arriving while every connection is busy share a flush.
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
    this.maxConcurrentFlushes = options.maxConcurrentFlushes ?? options.db.connections;
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
    const portalIds: number[] = [];
    const eventKeys: string[] = [];
    const types: string[] = [];
    const objectIds: number[] = [];
    const occurredAt: number[] = [];
    const payloads: string[] = [];
    for (const write of writes) {
      for (const row of write.rows) {
        portalIds.push(row.portalId);
        eventKeys.push(row.eventKey);
        types.push(row.subscriptionType);
        objectIds.push(row.objectId);
        occurredAt.push(row.occurredAt);
      }
      if (write.rows.length === 0) continue;
      const json = write.payloadsJson ?? JSON.stringify(write.rows.map((row) => row.payload));
      // The flush's array is the elements of its writes' arrays, joined.
      payloads.push(json.trim().slice(1, -1));
    }
    const rejected = writes.flatMap((write) => write.rejected.map((r) => ({ portal_id: r.portalId, reason: r.reason, payload: r.payload })));
    const params: unknown[] = [
      integerArray(portalIds),
      eventKeys.join('\n'),
      types.join('\n'),
      integerArray(objectIds),
      integerArray(occurredAt),
      `[${payloads.join(',')}]`,
      eventKeys.length,
    ];
    const [{ added: addedKeys }] = (
      rejected.length === 0
        ? await this.db.query(FLUSH_SQL, params, { preparedAs: 'inbox_flush' })
        : await this.db.query(FLUSH_WITH_REJECTED_SQL, [...params, JSON.stringify(rejected)], { preparedAs: 'inbox_flush_with_rejected' })
    ) as [{ added: string | null }];
    if (addedKeys === null) return writes.map((write) => ({ accepted: write.rows.length, duplicates: 0 }));
    // Some rows were not added: the row the statement stored for a key is its first in the flush (the
    // statement orders by position among equal keys), so each key is credited to the first write that gave it.
    const added = new Set(addedKeys.split('\n'));
    return writes.map((write) => {
      let accepted = 0;
      for (const row of write.rows) if (added.delete(`${row.portalId}:${row.eventKey}`)) accepted += 1;
      return { accepted, duplicates: write.rows.length - accepted };
    });
  }
}

/**
 * One statement for the whole flush. The columns travel as one parameter each (integer arrays, text one
 * value a line, the payloads as one JSON array) and ROWS FROM zips them back into rows: no bind-parameter
 * limit, no per-row JSON objects to build and take apart again, nothing for the driver to quote (measured
 * ~15% less PostgreSQL time per row than jsonb_to_recordset of row objects, and half the Node time). Rows
 * are inserted in one order, whatever flush or instance sends them (portal, key in byte order, then
 * position), so that concurrent flushes holding some of the same keys cannot deadlock.
 */
const INSERT_INBOX_CTE = `
added AS (
  INSERT INTO inbox (portal_id, event_key, subscription_type, object_id, occurred_at, payload)
  SELECT portal_id, event_key, subscription_type, object_id, 'epoch'::timestamptz + occurred_ms * interval '1 millisecond', payload
  FROM ROWS FROM (
    unnest($1::bigint[]), unnest(string_to_array($2, E'\\n')), unnest(string_to_array($3, E'\\n')),
    unnest($4::bigint[]), unnest($5::bigint[]), jsonb_array_elements($6::jsonb)
  ) WITH ORDINALITY AS r(portal_id, event_key, subscription_type, object_id, occurred_ms, payload, position)
  ORDER BY portal_id, event_key COLLATE "C", position
  ON CONFLICT (portal_id, event_key) DO NOTHING
  RETURNING portal_id, event_key
)`;

/**
 * NULL when every row sent ($7 of them) was added, as is usual; otherwise the added rows' keys, one
 * `portal:event_key` a line (keys hold no line breaks). The keys are gathered by a subquery that only
 * runs when it is needed: aggregating them on every flush cost ~8% of the statement.
 */
const ADDED_KEYS_SQL = `
SELECT CASE WHEN count(*) = $7 THEN NULL
  ELSE (SELECT coalesce(string_agg(portal_id || ':' || event_key, E'\\n'), '') FROM added) END AS added
FROM added`;

/** Rejected events, when there are any, ride along in another data-modifying CTE of the same statement. */
const INSERT_REJECTED_CTE = `
rejected AS (
  INSERT INTO rejected_events (portal_id, reason, payload)
  SELECT portal_id, reason, coalesce(payload, 'null'::jsonb)
  FROM jsonb_to_recordset($8::jsonb) AS r(portal_id bigint, reason text, payload jsonb)
)`;

/**
 * An array literal of integers for a bigint[] parameter: they need no quoting, and pg's generic array
 * serialisation quotes and escapes each element (measured about twice the time).
 */
function integerArray(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}

/**
 * The flush statements, each prepared once per connection: its plan does not depend on the values, and
 * planning it again for every request's 100 rows cost ~20% of the PostgreSQL time.
 */
const FLUSH_SQL = `WITH ${INSERT_INBOX_CTE} ${ADDED_KEYS_SQL}`;
const FLUSH_WITH_REJECTED_SQL = `WITH ${INSERT_REJECTED_CTE}, ${INSERT_INBOX_CTE} ${ADDED_KEYS_SQL}`;

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
