import type { Db } from '../store/db';

export interface ClaimedEvent {
  id: number;
  portal_id: number;
  event_key: string;
  subscription_type: string;
  object_id: number;
  occurred_at: Date;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * Leases up to `limit` ready inbox rows to `owner` until `now + leaseMs`. SKIP LOCKED lets any number of
 * workers in any number of processes claim at once without waiting on, or taking, each other's rows;
 * a worker that dies simply lets its lease run out.
 */
export async function claimInbox(db: Db, owner: string, now: Date, limit: number, leaseMs: number): Promise<ClaimedEvent[]> {
  return db.query<ClaimedEvent>(
    `UPDATE inbox SET leased_until = $2, lease_owner = $3, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM inbox
       WHERE processed_at IS NULL AND dead_at IS NULL AND available_at <= $1 AND (leased_until IS NULL OR leased_until < $1)
       ORDER BY available_at, id
       LIMIT $4
       FOR UPDATE SKIP LOCKED)
     RETURNING id, portal_id, event_key, subscription_type, object_id, occurred_at, payload, attempts`,
    [now, new Date(now.getTime() + leaseMs), owner, limit],
  );
}

export async function markProcessed(db: Pick<Db, 'query'>, ids: readonly number[], owner: string, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `UPDATE inbox SET processed_at = $3, leased_until = NULL, last_error = NULL
     WHERE id = ANY($1::bigint[]) AND lease_owner = $2`,
    [ids, owner, now],
  );
}

/** Puts failed events back with exponential backoff, or dead-letters them after `maxAttempts`. Returns how many died. */
export async function markFailed(
  db: Db,
  events: readonly ClaimedEvent[],
  owner: string,
  error: string,
  now: Date,
  maxAttempts: number,
  baseDelayMs = 1_000,
): Promise<number> {
  let dead = 0;
  for (const event of events) {
    const dies = event.attempts >= maxAttempts;
    if (dies) dead += 1;
    const delay = Math.min(baseDelayMs * 2 ** (event.attempts - 1), 15 * 60_000);
    await db.query(
      `UPDATE inbox SET leased_until = NULL, last_error = $3, available_at = $4, dead_at = $5
       WHERE id = $1 AND lease_owner = $2`,
      [event.id, owner, error.slice(0, 2000), new Date(now.getTime() + delay), dies ? now : null],
    );
  }
  return dead;
}

/** The dead letters of a portal, newest first, for admins and support. */
export async function listDeadLetters(db: Db, portalId: number, limit = 100) {
  return db.query<{ id: number; event_key: string; attempts: number; last_error: string; dead_at: Date; payload: unknown }>(
    `SELECT id, event_key, attempts, last_error, dead_at, payload FROM inbox
     WHERE portal_id = $1 AND dead_at IS NOT NULL ORDER BY dead_at DESC LIMIT $2`,
    [portalId, limit],
  );
}
