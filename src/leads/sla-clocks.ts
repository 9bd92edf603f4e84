import type { RoutingDecision } from '../domain/routing';
import { advanceClock, closeClock, repCalendar, selectPolicy, startClock, type RepCalendarSettings, type SlaClock, type SlaEffect, type Touch, type TouchKind } from '../domain/sla';
import type { Queryable } from '../store/db';
import { insertClock, insertTouches, lockLatestClock, touchesSince, updateClock, type ClockRow, type TouchRow } from '../store/sla-clocks';

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
  await insertClock(tx, portalId, contactId, { owner_id: decision.ownerId, pool_id: decision.poolId, clock }, now);
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
  return insertTouches(
    tx,
    portalId,
    touches.filter((touch): touch is TouchRow => Boolean(touch.kind && touch.ownerId)),
  );
}

/** The contact's current clock (locked) moved to `now` with its touches; `store` saves it. */
async function advanced(tx: Queryable, portalId: number, contactId: number, settings: RepCalendarSettings, now: Date) {
  const row = await lockLatestClock(tx, portalId, contactId);
  if (!row) return undefined;
  const touches = await touchesSince(tx, portalId, contactId, row.clock.assignedAt);
  const { clock, effects } = advanceClock(row.clock, repCalendar(settings, row.owner_id), {
    now: now.getTime(),
    ownerId: row.owner_id,
    touches: touches.map((t): Touch => ({ ownerId: t.owner_id, kind: t.kind, at: t.at.getTime() })),
  });
  const store = async () => {
    if (clock.state === row.clock.state && clock.firstTouchAt === row.clock.firstTouchAt) return;
    await updateClock(tx, portalId, row.id, clock, now);
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

/** Ends the contact's current clock because the lead left its owner (a met or already ended clock is left alone). */
export async function closeSlaClock(tx: Queryable, portalId: number, contactId: number, state: 'reassigned' | 'recycled', now: Date): Promise<SlaClock | undefined> {
  const row = await lockLatestClock(tx, portalId, contactId);
  if (!row) return undefined;
  const clock = closeClock(row.clock, state);
  if (clock !== row.clock) await updateClock(tx, portalId, row.id, clock, now);
  return clock;
}
