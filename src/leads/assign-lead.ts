import { DateTime } from 'luxon';
import { CLOSED_LEAD_STATUSES, EMPTY_POOL_STATE, PAST_LEAD_STAGES, poolStateSchema, routeLead, type RepState, type RoutingDecision, type RoutingLead, type RoutingSettings } from '../domain/routing';
import type { Queryable } from '../store/db';
import { lockPoolStates, recordDecision, repCounters, savePoolState } from '../store/routing-state';

/**
 * Routes one sales-ready lead and records the decision, in the caller's transaction. Every pool's state row is locked (in a fixed
 * order, so two assignments never deadlock) before the pure router picks a rep, so concurrent workers
 * in any number of processes see each other's turns and never hand out the same one twice.
 */
export async function assignLead(
  tx: Queryable,
  portalId: number,
  settings: RoutingSettings,
  lead: RoutingLead,
  now: Date,
  options: { companyOwnerId?: string; excluded?: Readonly<Record<string, string>> } = {},
): Promise<{ decision: RoutingDecision; assignmentId: number }> {
  const poolRows = await lockPoolStates(tx, portalId, settings.pools.map((pool) => pool.id), EMPTY_POOL_STATE);
  const poolStates = Object.fromEntries(poolRows.map((row) => [row.pool_id, poolStateSchema.parse(row.state)]));
  const repStates = await loadRepStates(tx, portalId, settings, now);
  const decision = routeLead({ lead, settings, poolStates, repStates, now: now.getTime(), ...options });
  if (decision.kind === 'assigned' && decision.poolId && decision.poolState) await savePoolState(tx, portalId, decision.poolId, decision.poolState, now);
  return { decision, assignmentId: await recordDecision(tx, portalId, Number(lead.contactId), decision, now) };
}

/**
 * Rep counters derived from the assignments themselves, so they never drift: open leads (the rep holds the
 * lead's latest assignment, it is still sales-ready, not yet a deal and its lead status not closed), assignments since midnight in the rep's own time
 * zone (daily caps), and the last assignment. Read after the pool rows are locked, so they include every
 * assignment committed before this one.
 */
async function loadRepStates(tx: Queryable, portalId: number, settings: RoutingSettings, now: Date): Promise<Record<string, RepState>> {
  const midnights = Object.keys(settings.reps).map((ownerId) => ({ ownerId, since: localMidnight(settings, ownerId, now) }));
  const { open, today, last } = await repCounters(tx, portalId, midnights, PAST_LEAD_STAGES, CLOSED_LEAD_STATUSES);
  const states: Record<string, RepState> = {};
  const state = (ownerId: string): RepState => (states[ownerId] ??= { assignedToday: 0, openLeads: 0 });
  for (const row of open) state(row.owner_id).openLeads = row.n;
  for (const row of today) state(row.owner_id).assignedToday = row.n;
  for (const row of last) state(row.owner_id).lastAssignedAt = row.at.getTime();
  return states;
}

/** Midnight today in the rep's time zone (UTC for a rep without availability settings). */
function localMidnight(settings: RoutingSettings, ownerId: string, now: Date): Date {
  const zone = settings.reps[ownerId]?.calendar.timeZone ?? 'UTC';
  return DateTime.fromJSDate(now, { zone }).startOf('day').toJSDate();
}
