import { skipReason } from './member-eligibility';
import { pickMember, type Candidate } from './pick-member';
import { EMPTY_REP_STATE, type MemberState, type PoolState, type RepState } from './pool-state';
import type { SkippedMember } from './routing-input';
import type { Pool, RoutingSettings } from './routing-settings';

export type PoolOutcome =
  | { kind: 'picked'; ownerId: string; poolState: PoolState; skipped: SkippedMember[] }
  | { kind: 'nobody'; skipped: SkippedMember[] };

/**
 * A member who was not eligible at the pool's previous assignment (new, re-added, back from
 * absence or from a cap) rejoins at the back of the rotation with no weight credit: they get
 * their share from now on, never the turns they missed.
 */
function rejoin(previous: MemberState | undefined, sequence: number): MemberState {
  if (previous && previous.lastEligible >= sequence) return previous;
  return { lastServed: sequence, lastEligible: previous?.lastEligible ?? 0, currentWeight: 0 };
}

/** Picks the pool member to take a lead now, and the pool's state after that assignment. */
export function assignFromPool(
  pool: Pool,
  reps: RoutingSettings['reps'],
  poolState: PoolState,
  repStates: Readonly<Record<string, RepState>>,
  now: number,
  excluded: Readonly<Record<string, string>> = {},
): PoolOutcome {
  const skipped: SkippedMember[] = [];
  const candidates: Candidate[] = [];
  for (const member of pool.members) {
    const rep = reps[member.ownerId];
    const repState = repStates[member.ownerId] ?? EMPTY_REP_STATE;
    const exclusion = excluded[member.ownerId];
    const skip: SkippedMember | undefined = exclusion === undefined ? skipReason(member, rep, repState, now) : { ownerId: member.ownerId, reason: 'excluded', detail: exclusion };
    if (skip) skipped.push(skip);
    else candidates.push({ ownerId: member.ownerId, weight: member.weight, state: rejoin(poolState.members[member.ownerId], poolState.sequence), repState });
  }
  if (candidates.length === 0) return { kind: 'nobody', skipped };

  const pick = pickMember(pool.strategy, candidates);
  const sequence = poolState.sequence + 1;
  const members: Record<string, MemberState> = {};
  for (const member of pool.members) {
    const previous = poolState.members[member.ownerId];
    if (previous) members[member.ownerId] = previous;
  }
  for (const candidate of candidates) {
    members[candidate.ownerId] = {
      lastServed: candidate.ownerId === pick.ownerId ? sequence : candidate.state.lastServed,
      lastEligible: sequence,
      currentWeight: pick.currentWeights.get(candidate.ownerId) ?? candidate.state.currentWeight,
    };
  }
  return { kind: 'picked', ownerId: pick.ownerId, poolState: { sequence, members }, skipped };
}
