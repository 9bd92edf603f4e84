import { assignFromPool } from './assign-from-pool';
import { checkAvailability } from './check-availability';
import { EMPTY_POOL_STATE } from './pool-state';
import { ruleMatches } from './rule-matches';
import type { RouteLeadInput, RoutingDecision, SkippedMember } from './routing-input';
import type { RoutingSettings } from './routing-settings';
import type { LeadPriority } from '../sla/sla-policy';

const STRATEGY_NAMES = { round_robin: 'round robin', weighted: 'weighted', least_loaded: 'least loaded' } as const;

const describeSkipped = (skipped: readonly SkippedMember[]): string =>
  skipped.map((member) => `${member.ownerId}: ${member.detail}`).join('; ');

type CompanyOwnerCheck = { kind: 'assign'; decision: RoutingDecision } | { kind: 'fall_through'; note: string };

/** The existing relationship first: the company owner takes the lead if available, else the rules decide (said in the reason). */
function checkCompanyOwner(
  settings: RoutingSettings,
  ownerId: string | undefined,
  now: number,
  priority: LeadPriority,
  excluded: Readonly<Record<string, string>>,
): CompanyOwnerCheck {
  if (!settings.useCompanyOwner || ownerId === undefined) return { kind: 'fall_through', note: '' };
  const exclusion = excluded[ownerId];
  if (exclusion !== undefined) return { kind: 'fall_through', note: `Company owner ${ownerId} is unavailable (${exclusion}), so the rules decide. ` };
  const rep = settings.reps[ownerId];
  const availability = rep ? checkAvailability(rep, now) : undefined;
  if (availability && !availability.available) {
    return { kind: 'fall_through', note: `Company owner ${ownerId} is unavailable — ${availability.detail} — so the rules decide. ` };
  }
  const calendar = rep ? '' : ' (no availability set for them, so treated as available)';
  const decision: RoutingDecision = {
    kind: 'assigned',
    ownerId,
    poolId: null,
    ruleId: 'company_owner',
    priority,
    reason: `Owner ${ownerId} owns the contact's company${calendar}.`,
    poolState: null,
    skipped: [],
  };
  return { kind: 'assign', decision };
}

/**
 * Decides who takes a sales-ready lead: the company owner, else the first matching rule's pool,
 * else the default pool. When nobody in that pool can take it, the lead is held (never given to a
 * fallback owner) and the pool's manager is named for the alert.
 */
export function routeLead(input: RouteLeadInput): RoutingDecision {
  const { lead, settings, now } = input;
  const rule = settings.rules.find((candidate) => ruleMatches(candidate, lead));
  const priority = rule?.priority ?? 'normal';
  const excluded = input.excluded ?? {};
  const companyOwner = checkCompanyOwner(settings, input.companyOwnerId, now, priority, excluded);
  if (companyOwner.kind === 'assign') return companyOwner.decision;

  const poolId = rule?.poolId ?? settings.defaultPool;
  const ruleId = rule?.id ?? 'default';
  const pool = settings.pools.find((candidate) => candidate.id === poolId);
  if (!pool) throw new Error(`Routing settings name pool "${poolId}" but do not define it (settings were not validated)`);

  const route = rule ? `Rule "${rule.label}" matched` : 'No rule matched, so the default pool';
  const outcome = assignFromPool(pool, settings.reps, input.poolStates[pool.id] ?? EMPTY_POOL_STATE, input.repStates, now, excluded);
  if (outcome.kind === 'nobody') {
    return {
      kind: 'held',
      poolId,
      ruleId,
      priority,
      reason: `${companyOwner.note}${route}; nobody in pool "${pool.label}" can take the lead (${describeSkipped(outcome.skipped)}). Held for manager ${pool.managerOwnerId}.`,
      alertOwnerId: pool.managerOwnerId,
      skipped: outcome.skipped,
    };
  }
  const skippedNote = outcome.skipped.length > 0 ? ` Skipped ${describeSkipped(outcome.skipped)}.` : '';
  return {
    kind: 'assigned',
    ownerId: outcome.ownerId,
    poolId,
    ruleId,
    priority,
    reason: `${companyOwner.note}${route}; pool "${pool.label}" (${STRATEGY_NAMES[pool.strategy]}) chose owner ${outcome.ownerId}.${skippedNote}`,
    poolState: outcome.poolState,
    skipped: outcome.skipped,
  };
}
