import type { Db } from './db';

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

/** Ready: not processed, not dead, due, and not leased by a live worker. */
const READY = 'processed_at IS NULL AND dead_at IS NULL AND available_at <= $1 AND (leased_until IS NULL OR leased_until < $1)';

/**
 * Portals with ready events, among the oldest `sample` ready events: the ones a worker should turn to next
 * (oldest first, so no portal waits behind a busy one for long).
 */
export async function portalsWithReadyEvents(db: Db, now: Date, limit: number, sample = 10_000): Promise<number[]> {
  const rows = await db.query<{ portal_id: number }>(
    `SELECT portal_id FROM (SELECT portal_id, available_at FROM inbox WHERE ${READY} ORDER BY available_at, id LIMIT $3) s
     GROUP BY portal_id ORDER BY min(available_at) LIMIT $2`,
    [now, limit, sample],
  );
  return rows.map((row) => row.portal_id);
}

/**
 * Leases up to `limit` of a portal's ready inbox rows to `owner` until `now + leaseMs`. SKIP LOCKED lets any
 * number of workers in any number of processes claim at once without waiting on, or taking, each other's
 * rows; a worker that dies simply lets its lease run out.
 */
export async function claimInbox(db: Db, owner: string, now: Date, limit: number, leaseMs: number, portalId?: number): Promise<ClaimedEvent[]> {
  return db.query<ClaimedEvent>(
    `UPDATE inbox SET leased_until = $2, lease_owner = $3, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM inbox
       WHERE ${READY} AND ($5::bigint IS NULL OR portal_id = $5)
       ORDER BY available_at, id
       LIMIT $4
       FOR UPDATE SKIP LOCKED)
     RETURNING id, portal_id, event_key, subscription_type, object_id, occurred_at, payload, attempts`,
    [now, new Date(now.getTime() + leaseMs), owner, limit, portalId ?? null],
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
