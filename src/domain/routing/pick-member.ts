import { compareText } from '../compare-text';
import type { MemberState, RepState } from './pool-state';
import type { RoutingStrategy } from './routing-settings';

/** An eligible member with its pool state (already reset if returning) and counters. */
export interface Candidate {
  ownerId: string;
  weight: number;
  state: MemberState;
  repState: RepState;
}

export interface Pick {
  ownerId: string;
  /** Running weights after the pick, for the weighted strategy; others leave weights alone. */
  currentWeights: ReadonlyMap<string, number>;
}

const byOwner = (a: Candidate, b: Candidate): number => compareText(a.ownerId, b.ownerId);

function first(candidates: readonly Candidate[], compare: (a: Candidate, b: Candidate) => number): Candidate {
  const [head, ...rest] = candidates;
  if (!head) throw new Error('pickMember needs at least one candidate');
  return rest.reduce((best, candidate) => (compare(candidate, best) < 0 ? candidate : best), head);
}

const unchangedWeights = (candidates: readonly Candidate[]): Map<string, number> =>
  new Map(candidates.map((candidate) => [candidate.ownerId, candidate.state.currentWeight]));

/** Round robin: the member served least recently (ties: owner id). */
function roundRobin(candidates: readonly Candidate[]): Pick {
  const chosen = first(candidates, (a, b) => a.state.lastServed - b.state.lastServed || byOwner(a, b));
  return { ownerId: chosen.ownerId, currentWeights: unchangedWeights(candidates) };
}

/** Smooth weighted round robin (nginx): everyone gains their weight, the highest wins and pays the total. */
function smoothWeighted(candidates: readonly Candidate[]): Pick {
  const total = candidates.reduce((sum, candidate) => sum + candidate.weight, 0);
  const raised = candidates.map((candidate) => ({ ...candidate, state: { ...candidate.state, currentWeight: candidate.state.currentWeight + candidate.weight } }));
  const chosen = first(raised, (a, b) => b.state.currentWeight - a.state.currentWeight || byOwner(a, b));
  const currentWeights = new Map(raised.map((candidate) => [candidate.ownerId, candidate.state.currentWeight]));
  currentWeights.set(chosen.ownerId, chosen.state.currentWeight - total);
  return { ownerId: chosen.ownerId, currentWeights };
}

/** Least loaded: fewest open leads, then least recently assigned (never first), then owner id. */
function leastLoaded(candidates: readonly Candidate[]): Pick {
  const chosen = first(
    candidates,
    (a, b) =>
      a.repState.openLeads - b.repState.openLeads ||
      (a.repState.lastAssignedAt ?? -Infinity) - (b.repState.lastAssignedAt ?? -Infinity) ||
      byOwner(a, b),
  );
  return { ownerId: chosen.ownerId, currentWeights: unchangedWeights(candidates) };
}

const STRATEGIES: Readonly<Record<RoutingStrategy, (candidates: readonly Candidate[]) => Pick>> = {
  round_robin: roundRobin,
  weighted: smoothWeighted,
  least_loaded: leastLoaded,
};

export const pickMember = (strategy: RoutingStrategy, candidates: readonly Candidate[]): Pick => STRATEGIES[strategy](candidates);
