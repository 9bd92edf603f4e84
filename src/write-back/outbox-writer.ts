import { changedProperties } from '../domain/write-back/desired-properties';
import { HubspotApiError } from '../hubspot/api-error';
import type { CrmBatchItemError, CrmRecordUpdate } from '../hubspot/crm-types';
import { PortalInactiveError } from '../hubspot/token-provider';
import { itemValidationRefusal, VALIDATION_ERROR, validationRefusalOf, type ValidationRefusal } from '../hubspot/validation-refusal';
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
  /** Contacts whose values HubSpot refused for the portal's validation rules (not sent again until they change). */
  refused: number;
}

/**
 * Writes the outbox to HubSpot: per portal, batches of ≤100 contacts with only the values that changed
 * since the last successful write. A batch HubSpot rejects is split until the contact at fault is found,
 * so the others still land; contacts HubSpot no longer has are dropped. Values HubSpot refuses for the
 * portal's validation rules are recorded for their contact and not sent again until they change.
 */
export class OutboxWriter {
  private readonly now: () => Date;

  constructor(private readonly options: OutboxWriterOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Flushes every portal's ready rows until none are left. */
  async flushAll(): Promise<FlushResult> {
    const total: FlushResult = { written: 0, unchanged: 0, gone: 0, failed: 0, refused: 0 };
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
    const outcomes: Outcomes = { written: [], done: [], failures: [], refused: [] };
    const pending: OutboxRow[] = [];
    for (const row of rows) {
      const values = valuesToWrite(row);
      // Values HubSpot refused are not sent again: only a change to them can make HubSpot take them.
      if (Object.keys(values).length === 0 || (row.rejected !== null && sameValues(values, row.rejected))) outcomes.done.push(row);
      else pending.push(row);
    }
    const unchanged = outcomes.done.length;
    const gone = await this.write(portalId, pending, outcomes);
    const now = this.now();
    const refused = outcomes.refused.map(({ row, refusal }) => ({
      row,
      rejection: { contactId: row.contact_id, properties: valuesToWrite(row), message: refusal.message, propertyNames: refusal.properties, rejectedAt: now },
    }));
    await settleOutboxRows(this.options.db, portalId, outcomes.written, outcomes.done, now, refused);
    for (const failure of outcomes.failures) await this.retryLater(portalId, failure.rows, failure.error);
    this.countRefusals(portalId, outcomes.refused);
    this.options.metrics.propertiesWritten.inc(outcomes.written.length);
    for (const row of gone) {
      this.options.metrics.writeFailures.inc({ reason: 'contact_gone' });
      this.options.logger.info({ portalId, contactId: row.contact_id }, 'contact no longer in HubSpot; its pending write dropped');
    }
    return {
      written: outcomes.written.length,
      unchanged,
      gone: gone.length,
      failed: outcomes.failures.reduce((sum, failure) => sum + failure.rows.length, 0),
      refused: outcomes.refused.length,
    };
  }

  /** Sends the rows' changed values, sorting each row into its outcome; returns the contacts HubSpot no longer has. */
  private async write(portalId: number, rows: OutboxRow[], outcomes: Outcomes): Promise<OutboxRow[]> {
    if (rows.length === 0) return [];
    const stamp = this.now();
    const inputs: CrmRecordUpdate[] = rows.map((row) => ({
      id: String(row.contact_id),
      properties: { ...valuesToWrite(row), lm_score_updated_at: stamp.toISOString() },
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
      const itemRefusals = chunk.ok ? refusedItems(chunk.errors, chunkRows) : undefined;
      if (chunk.ok && itemRefusals) {
        const missing = new Set(chunk.errors.filter((error) => error.category !== VALIDATION_ERROR).flatMap((error) => error.context.ids ?? []));
        for (const row of chunkRows) {
          const refusal = itemRefusals.get(String(row.contact_id));
          if (refusal) outcomes.refused.push({ row, refusal });
          else if (missing.has(String(row.contact_id))) {
            outcomes.done.push(row);
            gone.push(row);
          } else outcomes.written.push(row);
        }
        continue;
      }
      const error = chunk.ok ? undefined : chunk.error;
      const refusal = chunkRows.length === 1 ? validationRefusalOf(error) : undefined;
      if (refusal) outcomes.refused.push({ row: chunkRows[0]!, refusal });
      else if (chunkRows.length > 1 && (error === undefined || isRejection(error))) {
        // HubSpot refused the whole batch (or some contacts in it without naming them): halve until they are found.
        const half = Math.ceil(chunkRows.length / 2);
        gone.push(...(await this.write(portalId, chunkRows.slice(0, half), outcomes)));
        gone.push(...(await this.write(portalId, chunkRows.slice(half), outcomes)));
      } else {
        outcomes.failures.push({ rows: chunkRows, error });
      }
    }
    return gone;
  }

  /** Counts and logs each contact's refusal once, by HubSpot's error codes. */
  private countRefusals(portalId: number, refused: Outcomes['refused']): void {
    if (refused.length === 0) return;
    this.options.metrics.writeFailures.inc({ reason: 'validation_error' }, refused.length);
    for (const { row, refusal } of refused) {
      for (const code of refusal.codes.length > 0 ? refusal.codes : ['unspecified']) this.options.metrics.writeValidationErrors.inc({ reason: metricReason(code) });
      this.options.logger.warn(
        { portalId, contactId: row.contact_id, properties: refusal.properties, hubspotMessage: refusal.message },
        'HubSpot refused the contact’s values (portal validation rules); not sent again until they change',
      );
    }
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
  /** Refused for the portal's validation rules. */
  refused: Array<{ row: OutboxRow; refusal: ValidationRefusal }>;
}

/** What a row would send: the desired values HubSpot does not hold yet. */
function valuesToWrite(row: OutboxRow): Record<string, string> {
  return changedProperties(row.properties, row.written ?? {});
}

function sameValues(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => b[name] === a[name]);
}

/**
 * The contacts a 207 answer's VALIDATION_ERROR items refuse, by id; undefined when such an item names no id
 * the chunk holds (HubSpot documents whole-batch 400s, not these), so the chunk is split to find them.
 */
function refusedItems(errors: readonly CrmBatchItemError[], rows: readonly OutboxRow[]): Map<string, ValidationRefusal> | undefined {
  const refused = new Map<string, ValidationRefusal>();
  const ids = new Set(rows.map((row) => String(row.contact_id)));
  for (const error of errors.filter((item) => item.category === VALIDATION_ERROR)) {
    const named = [...(error.context.ids ?? []), ...(error.context.id ?? [])].filter((id) => ids.has(id));
    const at = named.length > 0 ? named : rows.length === 1 ? [...ids] : [];
    if (at.length === 0) return undefined;
    for (const id of at) refused.set(id, itemValidationRefusal(error));
  }
  return refused;
}

/** HubSpot's error code as a metric label: a bounded set of names, anything else is `other`. */
function metricReason(code: string): string {
  return /^[A-Z][A-Z_]{0,39}$/.test(code) ? code.toLowerCase() : 'other';
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
