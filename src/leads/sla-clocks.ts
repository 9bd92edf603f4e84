import type { RoutingDecision } from '../domain/routing';
import { advanceClock, closeClock, repCalendar, selectPolicy, startClock, type RepCalendarSettings, type SlaClock, type SlaEffect, type Touch, type TouchKind } from '../domain/sla';
import type { Queryable } from '../store/db';

export interface ClockRow {
  id: number;
  owner_id: string;
  pool_id: string | null;
  clock: SlaClock;
}

/** Starts the first-touch clock of a lead just assigned, in the rep's business calendar, under the pool's policy. */
export async function startSlaClock(
  tx: Queryable,
  portalId: number,
  contactId: number,
  settings: RepCalendarSettings,
  decision: Extract<RoutingDecision, { kind: 'assigned' }>,
  now: Date,
): Promise<SlaClock | undefined> {
  const policy = selectPolicy(settings.sla.policies, { ...(decision.poolId ? { poolId: decision.poolId } : {}), priority: decision.priority });
  if (!policy) return undefined;
  const clock = startClock(policy, repCalendar(settings, decision.ownerId), now.getTime());
  await tx.query(
    `INSERT INTO sla_clocks (portal_id, contact_id, owner_id, pool_id, clock, state, due_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [portalId, contactId, decision.ownerId, decision.poolId, JSON.stringify(clock), clock.state, new Date(clock.dueAt), now],
  );
  return clock;
}

export interface TouchInput {
  contactId: number;
  key: string;
  kind: TouchKind | undefined;
  ownerId: string | null | undefined;
  at: number;
}

/**
 * Touches on contacts (engagements, sales-activity property changes, a rep's "touched"): what can meet their
 * first-touch SLA, each once per key. Returns the contacts that got a touch they did not have.
 */
export async function recordTouches(tx: Queryable, portalId: number, touches: readonly TouchInput[]): Promise<Set<number>> {
  const counted = touches.filter((touch) => touch.kind && touch.ownerId);
  if (counted.length === 0) return new Set();
  const rows = await tx.query<{ contact_id: number }>(
    `INSERT INTO sla_touches (portal_id, contact_id, touch_key, owner_id, kind, at)
     SELECT $1, c, k, o, t, a FROM jsonb_to_recordset($2::jsonb) AS x(c bigint, k text, o text, t text, a timestamptz)
     ON CONFLICT DO NOTHING RETURNING contact_id`,
    [portalId, JSON.stringify(counted.map((t) => ({ c: t.contactId, k: t.key, o: t.ownerId, t: t.kind, a: new Date(t.at).toISOString() })))],
  );
  return new Set(rows.map((row) => row.contact_id));
}

/** The owners that HubSpot users are, for the users that are owners. */
export async function ownersOfUsers(tx: Queryable, portalId: number, userIds: readonly number[]): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx.query<{ user_id: number; owner_id: string }>(
    'SELECT user_id, owner_id FROM owners WHERE portal_id = $1 AND user_id = ANY($2::bigint[])',
    [portalId, [...new Set(userIds)]],
  );
  return new Map(rows.map((row) => [row.user_id, row.owner_id]));
}

/** The contact's current clock (locked) moved to `now` with its touches; `store` saves it. */
async function advanced(tx: Queryable, portalId: number, contactId: number, settings: RepCalendarSettings, now: Date) {
  const [row] = await tx.query<ClockRow>(
    'SELECT id, owner_id, pool_id, clock FROM sla_clocks WHERE portal_id = $1 AND contact_id = $2 ORDER BY id DESC LIMIT 1 FOR UPDATE',
    [portalId, contactId],
  );
  if (!row) return undefined;
  const touches = await tx.query<{ owner_id: string; kind: TouchKind; at: Date }>(
    'SELECT owner_id, kind, at FROM sla_touches WHERE portal_id = $1 AND contact_id = $2 AND at >= $3',
    [portalId, contactId, new Date(row.clock.assignedAt)],
  );
  const { clock, effects } = advanceClock(row.clock, repCalendar(settings, row.owner_id), {
    now: now.getTime(),
    ownerId: row.owner_id,
    touches: touches.map((t): Touch => ({ ownerId: t.owner_id, kind: t.kind, at: t.at.getTime() })),
  });
  const store = async () => {
    if (clock.state === row.clock.state && clock.firstTouchAt === row.clock.firstTouchAt) return;
    await tx.query('UPDATE sla_clocks SET clock = $3, state = $4, updated_at = $5 WHERE portal_id = $1 AND id = $2', [portalId, row.id, JSON.stringify(clock), clock.state, now]);
  };
  return { row: { ...row, clock }, effects, store };
}

/** Moves a contact's clock to `now` (locked); returns the effects that fire now, each exactly once per clock. */
export async function advanceSlaClock(
  tx: Queryable,
  portalId: number,
  contactId: number,
  settings: RepCalendarSettings,
  now: Date,
): Promise<{ row: ClockRow; effects: SlaEffect[] } | undefined> {
  const result = await advanced(tx, portalId, contactId, settings, now);
  if (!result) return undefined;
  await result.store();
  return { row: result.row, effects: result.effects };
}

/**
 * After a touch: moves the contact's clock to met (or records a late first touch) at once, so the card and
 * HubSpot say so without waiting for the sweep. A clock that would also remind or breach now is left to the
 * sweep, which applies those effects.
 */
export async function meetSlaClock(tx: Queryable, portalId: number, contactId: number, settings: RepCalendarSettings, now: Date): Promise<void> {
  const result = await advanced(tx, portalId, contactId, settings, now);
  if (result && result.effects.length === 0) await result.store();
}

export async function latestClock(tx: Queryable, portalId: number, contactId: number): Promise<SlaClock | undefined> {
  const [row] = await tx.query<{ clock: SlaClock }>(
    'SELECT clock FROM sla_clocks WHERE portal_id = $1 AND contact_id = $2 ORDER BY id DESC LIMIT 1',
    [portalId, contactId],
  );
  return row?.clock;
}

/** Ends the contact's current clock because the lead left its owner (a met or already ended clock is left alone). */
export async function closeSlaClock(tx: Queryable, portalId: number, contactId: number, state: 'reassigned' | 'recycled', now: Date): Promise<SlaClock | undefined> {
  const [row] = await tx.query<{ id: number; clock: SlaClock }>(
    'SELECT id, clock FROM sla_clocks WHERE portal_id = $1 AND contact_id = $2 ORDER BY id DESC LIMIT 1 FOR UPDATE',
    [portalId, contactId],
  );
  if (!row) return undefined;
  const clock = closeClock(row.clock, state);
  if (clock !== row.clock) {
    await tx.query('UPDATE sla_clocks SET clock = $3, state = $4, updated_at = $5 WHERE portal_id = $1 AND id = $2', [portalId, row.id, JSON.stringify(clock), clock.state, now]);
  }
  return clock;
}
