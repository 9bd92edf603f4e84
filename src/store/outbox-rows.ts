import type { Db, Queryable } from './db';
import { clearWriteRejections, recordWriteRejections, type WriteRejection } from './write-rejections';

/** A claimed outbox row: the values to write and what HubSpot was last known to hold. */
export interface OutboxRow {
  contact_id: number;
  properties: Record<string, string>;
  updated_at: Date;
  attempts: number;
  written: Record<string, string> | null;
  /** The values HubSpot last refused for this contact (its validation rules), if it did. */
  rejected: Record<string, string> | null;
}

const json = (rows: readonly unknown[]) => JSON.stringify(rows);

/** Drops the rows as claimed; a row whose value was replaced since (a newer updated_at) stays. */
async function dropUnlessNewer(db: Queryable, portalId: number, rows: readonly OutboxRow[]): Promise<void> {
  await db.query(
    `DELETE FROM outbox o USING jsonb_to_recordset($2::jsonb) AS r(c bigint, u timestamptz)
     WHERE o.portal_id = $1 AND o.contact_id = r.c AND o.updated_at = r.u`,
    [portalId, json(rows.map((row) => ({ c: row.contact_id, u: row.updated_at.toISOString() })))],
  );
}

/** Leases up to `limit` of a portal's ready rows by pushing available_at forward: another writer skips them until the lease runs out. */
export async function claimOutboxRows(db: Db, portalId: number, now: Date, leaseMs: number, limit = 100): Promise<OutboxRow[]> {
  return db.query<OutboxRow>(
    `WITH claimed AS (
       UPDATE outbox SET available_at = $3, attempts = attempts + 1
       WHERE (portal_id, contact_id) IN (
         SELECT portal_id, contact_id FROM outbox WHERE portal_id = $1 AND available_at <= $2
         ORDER BY available_at LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING contact_id, properties, updated_at, attempts)
     SELECT claimed.*, c.written, r.properties AS rejected FROM claimed
     LEFT JOIN contacts c ON c.portal_id = $1 AND c.contact_id = claimed.contact_id
     LEFT JOIN write_rejections r ON r.portal_id = $1 AND r.contact_id = claimed.contact_id`,
    [portalId, now, new Date(now.getTime() + leaseMs), limit],
  );
}

/** Portals with rows ready to write. */
export async function portalsWithReadyOutbox(db: Db, now: Date): Promise<number[]> {
  return (await db.query<{ portal_id: number }>('SELECT DISTINCT portal_id FROM outbox WHERE available_at <= $1', [now])).map((row) => row.portal_id);
}

/**
 * Done with rows, in one transaction: the written ones record what HubSpot now holds (and forget any refusal);
 * the refused ones record HubSpot's refusal; each row is dropped unless a newer value arrived while it was out,
 * and such a newer value is due at once, not after the lease.
 */
export async function settleOutboxRows(
  db: Db,
  portalId: number,
  written: readonly OutboxRow[],
  done: readonly OutboxRow[],
  now: Date,
  refused: ReadonlyArray<{ row: OutboxRow; rejection: WriteRejection }> = [],
): Promise<void> {
  if (written.length + done.length + refused.length === 0) return;
  const all = [...written, ...done, ...refused.map(({ row }) => row)];
  await db.transaction(async (tx) => {
    if (written.length > 0) {
      // Contacts are locked in id order, as settling them does, so a write-back and a batch never deadlock.
      await tx.query('SELECT 1 FROM contacts WHERE portal_id = $1 AND contact_id = ANY($2::bigint[]) ORDER BY contact_id FOR UPDATE', [
        portalId,
        written.map((row) => row.contact_id),
      ]);
      await tx.query(
        `UPDATE contacts c SET written = c.written || r.p FROM jsonb_to_recordset($2::jsonb) AS r(c bigint, p jsonb)
         WHERE c.portal_id = $1 AND c.contact_id = r.c`,
        [portalId, json(written.map((row) => ({ c: row.contact_id, p: row.properties })))],
      );
      await clearWriteRejections(tx, portalId, written.filter((row) => row.rejected !== null).map((row) => row.contact_id));
    }
    await recordWriteRejections(tx, portalId, refused.map(({ rejection }) => rejection));
    await dropUnlessNewer(tx, portalId, all);
    await tx.query('UPDATE outbox SET available_at = $3 WHERE portal_id = $1 AND contact_id = ANY($2::bigint[])', [portalId, all.map((row) => row.contact_id), now]);
  });
}

/** Rows to try again at their own times (with why), and rows given up on, dropped unless a newer value arrived meanwhile. */
export async function deferOutboxRows(
  db: Db,
  portalId: number,
  retries: ReadonlyArray<{ row: OutboxRow; at: Date }>,
  givenUp: readonly OutboxRow[],
  error: string,
): Promise<void> {
  if (retries.length > 0) {
    await db.query(
      `UPDATE outbox o SET available_at = r.a, last_error = $3 FROM jsonb_to_recordset($2::jsonb) AS r(c bigint, a timestamptz)
       WHERE o.portal_id = $1 AND o.contact_id = r.c`,
      [portalId, json(retries.map(({ row, at }) => ({ c: row.contact_id, a: at.toISOString() }))), error.slice(0, 2000)],
    );
  }
  if (givenUp.length > 0) await dropUnlessNewer(db, portalId, givenUp);
}
