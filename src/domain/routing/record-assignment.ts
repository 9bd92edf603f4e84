import { EMPTY_REP_STATE, type RepState } from './pool-state';

/** The owner counters after a lead is assigned to `ownerId` at `now`. */
export function recordAssignment(repStates: Readonly<Record<string, RepState>>, ownerId: string, now: number): Record<string, RepState> {
  const current = repStates[ownerId] ?? EMPTY_REP_STATE;
  return { ...repStates, [ownerId]: { assignedToday: current.assignedToday + 1, openLeads: current.openLeads + 1, lastAssignedAt: now } };
}
