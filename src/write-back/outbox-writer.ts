import { changedProperties } from '../domain/write-back/desired-properties';
import { HubspotApiError } from '../hubspot/api-error';
import type { CrmRecordUpdate } from '../hubspot/crm-types';
import { PortalInactiveError } from '../hubspot/token-provider';
import type { Logger } from '../log';
import { givenUp, QUEUE_RETRY, retryAt } from '../store/queue-retry';
import { claimOutboxRows, deferOutboxRows, portalsWithReadyOutbox, settleOutboxRows, type OutboxRow } from '../store/outbox-rows';
import type { PipelineDeps } from '../process/pipeline-deps';

export interface OutboxWriterOptions extends Omit<PipelineDeps, 'settings'> {
  leaseMs?: number;
  maxAttempts?: number;
}

export interface FlushResult {
  written: number;
  unchanged: number;
  gone: number;
  failed: number;
}

/**
 * Writes the outbox to HubSpot: per portal, batches of ≤100 contacts with only the values that changed
 * since the last successful write. A batch HubSpot rejects is split until the contact at fault is found,
 * so the others still land; contacts HubSpot no longer has are dropped.
 */
export class OutboxWriter {
  private readonly now: () => Date;

  constructor(private readonly options: OutboxWriterOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Flushes every portal's ready rows until none are left. */
  async flushAll(): Promise<FlushResult> {
    const total: FlushResult = { written: 0, unchanged: 0, gone: 0, failed: 0 };
    for (;;) {
      const portals = await portalsWithReadyOutbox(this.options.db, this.now());
      if (portals.length === 0) return total;
      const results = await Promise.all(portals.map((portalId) => this.flushPortal(portalId)));
      for (const result of results) {
        for (const key of Object.keys(total) as (keyof FlushResult)[]) total[key] += result[key];
      }
    }
  }

  /** One batch (≤100 contacts) of a portal; its rows are settled together once HubSpot has answered. */
  async flushPortal(portalId: number): Promise<FlushResult> {
    const rows = await claimOutboxRows(this.options.db, portalId, this.now(), this.options.leaseMs ?? 60_000);
    const outcomes: Outcomes = { written: [], done: [], failures: [] };
    const pending: OutboxRow[] = [];
    for (const row of rows) {
      if (Object.keys(changedProperties(row.properties, row.written ?? {})).length === 0) outcomes.done.push(row);
      else pending.push(row);
    }
    const unchanged = outcomes.done.length;
    const gone = await this.write(portalId, pending, outcomes);
    await settleOutboxRows(this.options.db, portalId, outcomes.written, outcomes.done, this.now());
    for (const failure of outcomes.failures) await this.retryLater(portalId, failure.rows, failure.error);
    this.options.metrics.propertiesWritten.inc(outcomes.written.length);
    for (const row of gone) {
      this.options.metrics.writeFailures.inc({ reason: 'contact_gone' });
      this.options.logger.info({ portalId, contactId: row.contact_id }, 'contact no longer in HubSpot; its pending write dropped');
    }
    return { written: outcomes.written.length, unchanged, gone: gone.length, failed: outcomes.failures.reduce((sum, failure) => sum + failure.rows.length, 0) };
  }

  /** Sends the rows' changed values, sorting each row into its outcome; returns the contacts HubSpot no longer has. */
  private async write(portalId: number, rows: OutboxRow[], outcomes: Outcomes): Promise<OutboxRow[]> {
    if (rows.length === 0) return [];
    const stamp = this.now();
    const inputs: CrmRecordUpdate[] = rows.map((row) => ({
      id: String(row.contact_id),
      properties: { ...changedProperties(row.properties, row.written ?? {}), lm_score_updated_at: stamp.toISOString() },
    }));
    let chunks;
    try {
      chunks = await this.options.gateway.forPortal(portalId).contacts.batchUpdate(inputs);
    } catch (error) {
      outcomes.failures.push({ rows, error });
      return [];
    }
    const byId = new Map(rows.map((row) => [String(row.contact_id), row]));
    const gone: OutboxRow[] = [];
    for (const chunk of chunks) {
      const chunkRows = chunk.ids.map((id) => byId.get(id)!);
      if (chunk.ok) {
        const missing = new Set(chunk.errors.flatMap((error) => error.context.ids ?? []));
        for (const row of chunkRows) {
          if (missing.has(String(row.contact_id))) {
            outcomes.done.push(row);
            gone.push(row);
          } else outcomes.written.push(row);
        }
      } else if (chunkRows.length > 1 && isRejection(chunk.error)) {
        // HubSpot refused the whole batch because of some contact in it: halve until it is found.
        const half = Math.ceil(chunkRows.length / 2);
        gone.push(...(await this.write(portalId, chunkRows.slice(0, half), outcomes)));
        gone.push(...(await this.write(portalId, chunkRows.slice(half), outcomes)));
      } else {
        outcomes.failures.push({ rows: chunkRows, error: chunk.error });
      }
    }
    return gone;
  }

  /** Rows that failed together: tried again with backoff, or given up on after too many attempts or when the portal is gone. */
  private async retryLater(portalId: number, rows: readonly OutboxRow[], error: unknown): Promise<void> {
    const inactive = error instanceof PortalInactiveError;
    const policy = { ...QUEUE_RETRY.outbox, ...(this.options.maxAttempts !== undefined ? { maxAttempts: this.options.maxAttempts } : {}) };
    const giveUp = (row: OutboxRow) => inactive || givenUp(policy, row.attempts);
    const now = this.now();
    const retries = rows.filter((row) => !giveUp(row)).map((row) => ({ row, at: retryAt(policy, row.attempts, now) }));
    const dropped = rows.filter(giveUp);
    await deferOutboxRows(this.options.db, portalId, retries, dropped, error instanceof Error ? error.message : String(error));
    if (dropped.length > 0) this.options.metrics.writeFailures.inc({ reason: inactive ? 'portal_inactive' : 'gave_up' }, dropped.length);
    if (retries.length > 0) this.options.metrics.writeFailures.inc({ reason: 'retry' }, retries.length);
    if (!inactive) {
      const contactIds = rows.slice(0, 10).map((row) => row.contact_id);
      this.options.logger.warn({ portalId, contacts: rows.length, contactIds, givenUp: dropped.length, err: error }, 'contact writes failed');
    }
  }
}

/** What became of a flush's rows. */
interface Outcomes {
  written: OutboxRow[];
  /** Nothing (more) to write: unchanged, or the contact is gone. */
  done: OutboxRow[];
  failures: Array<{ rows: OutboxRow[]; error: unknown }>;
}

function isRejection(error: Error): boolean {
  return error instanceof HubspotApiError && error.status >= 400 && error.status < 500 && error.status !== 429;
}

/** Runs `flushAll` every `pollMs` until stopped. */
export function runOutboxWriter(writer: OutboxWriter, logger: Logger, pollMs = 500): { stop(): Promise<void> } {
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      try {
        await writer.flushAll();
      } catch (error) {
        logger.error({ err: error }, 'outbox flush failed');
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  })();
  return {
    async stop() {
      stopping = true;
      await loop;
    },
  };
}
