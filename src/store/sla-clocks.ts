import type { SlaClock, TouchKind } from '../domain/sla';
import type { Queryable } from './db';

/** A contact's first-touch clock as stored: whose it is, from which pool, and its state. */
export interface ClockRow {
  id: number;
  owner_id: string;
  pool_id: string | null;
  clock: SlaClock;
}

export async function insertClock(tx: Queryable, portalId: number, contactId: number, row: Omit<ClockRow, 'id'>, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO sla_clocks (portal_id, contact_id, owner_id, pool_id, clock, state, due_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [portalId, contactId, row.owner_id, row.pool_id, JSON.stringify(row.clock), row.clock.state, new Date(row.clock.dueAt), now],
  );
}

/** The contact's current clock, locked for this transaction. */
export async function lockLatestClock(tx: Queryable, portalId: number, contactId: number): Promise<ClockRow | undefined> {
  const [row] = await tx.query<ClockRow>(
    'SELECT id, owner_id, pool_id, clock FROM sla_clocks WHERE portal_id = $1 AND contact_id = $2 ORDER BY id DESC LIMIT 1 FOR UPDATE',
    [portalId, contactId],
  );
  return row;
}

export async function latestClock(tx: Queryable, portalId: number, contactId: number): Promise<SlaClock | undefined> {
  const [row] = await tx.query<{ clock: SlaClock }>('SELECT clock FROM sla_clocks WHERE portal_id = $1 AND contact_id = $2 ORDER BY id DESC LIMIT 1', [
    portalId,
    contactId,
  ]);
  return row?.clock;
}

export async function updateClock(tx: Queryable, portalId: number, id: number, clock: SlaClock, now: Date): Promise<void> {
  await tx.query('UPDATE sla_clocks SET clock = $3, state = $4, updated_at = $5 WHERE portal_id = $1 AND id = $2', [portalId, id, JSON.stringify(clock), clock.state, now]);
}

/** Touches to record, each once per (contact, key). */
export interface TouchRow {
  contactId: number;
  key: string;
  kind: TouchKind;
  ownerId: string;
  at: number;
}

/** Records the touches it did not have yet; returns the contacts that got one. */
export async function insertTouches(tx: Queryable, portalId: number, touches: readonly TouchRow[]): Promise<Set<number>> {
  if (touches.length === 0) return new Set();
  const rows = await tx.query<{ contact_id: number }>(
    `INSERT INTO sla_touches (portal_id, contact_id, touch_key, owner_id, kind, at)
     SELECT $1, c, k, o, t, a FROM jsonb_to_recordset($2::jsonb) AS x(c bigint, k text, o text, t text, a timestamptz)
     ON CONFLICT DO NOTHING RETURNING contact_id`,
    [portalId, JSON.stringify(touches.map((t) => ({ c: t.contactId, k: t.key, o: t.ownerId, t: t.kind, a: new Date(t.at).toISOString() })))],
  );
  return new Set(rows.map((row) => row.contact_id));
}

export async function touchesSince(tx: Queryable, portalId: number, contactId: number, since: number) {
  return tx.query<{ owner_id: string; kind: TouchKind; at: Date }>('SELECT owner_id, kind, at FROM sla_touches WHERE portal_id = $1 AND contact_id = $2 AND at >= $3', [
    portalId,
    contactId,
    new Date(since),
  ]);
}
