import { givenUp, retryAt, type RetryPolicy } from './queue-retry';
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
 * rows; a worker that dies simply lets its lease run out. A claimed row is also due again only when its lease
 * ends (available_at moves with it), so the oldest-first scans of the next claims start at rows nobody holds
 * instead of walking past every leased one.
 */
export async function claimInbox(db: Db, owner: string, now: Date, limit: number, leaseMs: number, portalId?: number): Promise<ClaimedEvent[]> {
  return db.query<ClaimedEvent>(
    `UPDATE inbox SET leased_until = $2, available_at = $2, lease_owner = $3, attempts = attempts + 1
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

/**
 * Puts failed events back with the inbox's backoff, or dead-letters them after its attempts (all of them at
 * once with `giveUp`, e.g. when the portal is gone), in one statement. Returns how many died.
 */
export async function markFailed(db: Db, events: readonly ClaimedEvent[], owner: string, error: string, now: Date, policy: RetryPolicy): Promise<number> {
  if (events.length === 0) return 0;
  const rows = events.map((event) => ({ i: event.id, a: retryAt(policy, event.attempts, now).toISOString(), d: givenUp(policy, event.attempts) }));
  await db.query(
    `UPDATE inbox SET leased_until = NULL, last_error = $3, available_at = r.a, dead_at = CASE WHEN r.d THEN $4::timestamptz END
     FROM jsonb_to_recordset($1::jsonb) AS r(i bigint, a timestamptz, d boolean)
     WHERE inbox.id = r.i AND inbox.lease_owner = $2`,
    [JSON.stringify(rows), owner, error.slice(0, 2000), now],
  );
  return rows.filter((row) => row.d).length;
}

export interface DeadLetter {
  id: number;
  event_key: string;
  subscription_type: string;
  attempts: number;
  last_error: string;
  dead_at: Date;
  payload: unknown;
}

/** The dead letters of a portal, newest first, for admins and support; a page ends before the `before` id. */
export async function listDeadLetters(db: Db, portalId: number, limit = 100, before?: number): Promise<DeadLetter[]> {
  return db.query<DeadLetter>(
    `SELECT id, event_key, subscription_type, attempts, last_error, dead_at, payload FROM inbox
     WHERE portal_id = $1 AND dead_at IS NOT NULL AND ($3::bigint IS NULL OR id < $3) ORDER BY id DESC LIMIT $2`,
    [portalId, limit, before ?? null],
  );
}

/**
 * Puts a portal's dead letters (one by id, or all) back in the inbox as new: due now, their attempts from zero,
 * so the workers process them the ordinary way. Returns the ids put back.
 */
export async function replayDeadLetters(db: Db, portalId: number, now: Date, id?: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `UPDATE inbox SET dead_at = NULL, attempts = 0, available_at = $2, leased_until = NULL, lease_owner = NULL
     WHERE portal_id = $1 AND dead_at IS NOT NULL AND ($3::bigint IS NULL OR id = $3) RETURNING id`,
    [portalId, now, id ?? null],
  );
  return rows.map((row) => row.id);
}
