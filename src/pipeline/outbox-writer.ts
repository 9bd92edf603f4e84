import { changedProperties } from '../domain/write-back/desired-properties';
import { HubspotApiError } from '../hubspot/api-error';
import type { CrmRecordUpdate } from '../hubspot/crm-types';
import { PortalInactiveError } from '../hubspot/token-provider';
import type { Logger } from '../log';
import type { PipelineDeps } from './pipeline-deps';

interface OutboxRow {
  contact_id: number;
  properties: Record<string, string>;
  updated_at: Date;
  attempts: number;
  written: Record<string, string> | null;
}

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
      const portals = await this.options.db.query<{ portal_id: number }>(
        'SELECT DISTINCT portal_id FROM outbox WHERE available_at <= $1',
        [this.now()],
      );
      if (portals.length === 0) return total;
      const results = await Promise.all(portals.map(({ portal_id }) => this.flushPortal(portal_id)));
      for (const result of results) {
        for (const key of Object.keys(total) as (keyof FlushResult)[]) total[key] += result[key];
      }
    }
  }

  /** One batch (≤100 contacts) of a portal. */
  async flushPortal(portalId: number): Promise<FlushResult> {
    const { db, leaseMs = 60_000 } = this.options;
    const now = this.now();
    // Leasing by pushing available_at forward: another writer skips these rows until the lease runs out.
    const rows = await db.query<OutboxRow>(
      `WITH claimed AS (
         UPDATE outbox SET available_at = $3, attempts = attempts + 1
         WHERE (portal_id, contact_id) IN (
           SELECT portal_id, contact_id FROM outbox WHERE portal_id = $1 AND available_at <= $2
           ORDER BY available_at LIMIT 100 FOR UPDATE SKIP LOCKED)
         RETURNING contact_id, properties, updated_at, attempts)
       SELECT claimed.*, c.written FROM claimed
       LEFT JOIN contacts c ON c.portal_id = $1 AND c.contact_id = claimed.contact_id`,
      [portalId, now, new Date(now.getTime() + leaseMs)],
    );
    const result: FlushResult = { written: 0, unchanged: 0, gone: 0, failed: 0 };
    const unchanged = rows.filter((row) => Object.keys(changedProperties(row.properties, row.written ?? {})).length === 0);
    await this.settle(portalId, unchanged, 'unchanged');
    result.unchanged += unchanged.length;
    await this.write(portalId, rows.filter((row) => !unchanged.includes(row)), result);
    return result;
  }

  private async write(portalId: number, rows: OutboxRow[], result: FlushResult): Promise<void> {
    if (rows.length === 0) return;
    const stamp = this.now();
    const inputs: CrmRecordUpdate[] = rows.map((row) => ({
      id: String(row.contact_id),
      properties: { ...changedProperties(row.properties, row.written ?? {}), lm_score_updated_at: stamp.toISOString() },
    }));
    let chunks;
    try {
      chunks = await this.options.gateway.forPortal(portalId).contacts.batchUpdate(inputs);
    } catch (error) {
      for (const row of rows) await this.retryLater(portalId, row, error);
      result.failed += rows.length;
      return;
    }
    const byId = new Map(rows.map((row) => [String(row.contact_id), row]));
    for (const chunk of chunks) {
      const chunkRows = chunk.ids.map((id) => byId.get(id)!);
      if (chunk.ok) {
        const missing = new Set(chunk.errors.flatMap((error) => error.context.ids ?? []));
        const gone = chunkRows.filter((row) => missing.has(String(row.contact_id)));
        const written = chunkRows.filter((row) => !missing.has(String(row.contact_id)));
        await this.settle(portalId, gone, 'gone');
        await this.settle(portalId, written, 'written');
        result.gone += gone.length;
        result.written += written.length;
      } else if (chunkRows.length > 1 && isRejection(chunk.error)) {
        // HubSpot refused the whole batch because of some contact in it: halve until it is found.
        const half = Math.ceil(chunkRows.length / 2);
        await this.write(portalId, chunkRows.slice(0, half), result);
        await this.write(portalId, chunkRows.slice(half), result);
      } else {
        for (const row of chunkRows) await this.retryLater(portalId, row, chunk.error);
        result.failed += chunkRows.length;
      }
    }
  }

  /**
   * Done with rows (one transaction for them all, so a batch costs a few statements, not a few per contact):
   * record what HubSpot now holds and drop each row unless a newer value arrived meanwhile.
   */
  private async settle(portalId: number, rows: readonly OutboxRow[], outcome: 'written' | 'unchanged' | 'gone'): Promise<void> {
    if (rows.length === 0) return;
    const ids = rows.map((row) => row.contact_id).sort((a, b) => a - b);
    const settled = JSON.stringify(rows.map((row) => ({ c: row.contact_id, u: row.updated_at.toISOString(), p: row.properties })));
    await this.options.db.transaction(async (tx) => {
      // The contacts first and in id order, as settleContacts locks them: a worker queuing new values for some of
      // these contacts meanwhile waits for us (or we for it) instead of deadlocking on the outbox rows.
      await tx.query('SELECT 1 FROM contacts WHERE portal_id = $1 AND contact_id = ANY($2::bigint[]) ORDER BY contact_id FOR UPDATE', [portalId, ids]);
      if (outcome === 'written') {
        await tx.query(
          `UPDATE contacts SET written = contacts.written || x.p FROM jsonb_to_recordset($2::jsonb) AS x(c bigint, p jsonb)
           WHERE contacts.portal_id = $1 AND contacts.contact_id = x.c`,
          [portalId, settled],
        );
      }
      await tx.query(
        `DELETE FROM outbox USING jsonb_to_recordset($2::jsonb) AS x(c bigint, u timestamptz)
         WHERE outbox.portal_id = $1 AND outbox.contact_id = x.c AND outbox.updated_at = x.u`,
        [portalId, settled],
      );
      // A newer value that arrived while we wrote is due at once, not after our lease.
      await tx.query('UPDATE outbox SET available_at = $3 WHERE portal_id = $1 AND contact_id = ANY($2::bigint[])', [portalId, ids, this.now()]);
    });
    if (outcome === 'written') this.options.metrics.propertiesWritten.inc(rows.length);
    if (outcome === 'gone') {
      this.options.metrics.writeFailures.inc({ reason: 'contact_gone' }, rows.length);
      this.options.logger.info({ portalId, contactIds: ids }, 'contacts no longer in HubSpot; their pending writes dropped');
    }
  }

  private async retryLater(portalId: number, row: OutboxRow, error: unknown): Promise<void> {
    const inactive = error instanceof PortalInactiveError;
    const giveUp = inactive || row.attempts >= (this.options.maxAttempts ?? 10);
    const message = error instanceof Error ? error.message : String(error);
    if (giveUp) {
      await this.options.db.query('DELETE FROM outbox WHERE portal_id = $1 AND contact_id = $2 AND updated_at = $3', [portalId, row.contact_id, row.updated_at]);
    } else {
      const delay = Math.min(2_000 * 2 ** (row.attempts - 1), 30 * 60_000);
      await this.options.db.query('UPDATE outbox SET available_at = $3, last_error = $4 WHERE portal_id = $1 AND contact_id = $2', [
        portalId,
        row.contact_id,
        new Date(this.now().getTime() + delay),
        message.slice(0, 2000),
      ]);
    }
    this.options.metrics.writeFailures.inc({ reason: inactive ? 'portal_inactive' : giveUp ? 'gave_up' : 'retry' });
    if (!inactive) this.options.logger.warn({ portalId, contactId: row.contact_id, err: error, giveUp }, 'contact write failed');
  }
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
