import type { LeadPriority, SlaPolicy } from './sla-policy';

/** The first policy whose pool and priority conditions the lead meets, or undefined when none does. */
export function selectPolicy(policies: readonly SlaPolicy[], lead: { poolId?: string; priority?: LeadPriority }): SlaPolicy | undefined {
  return policies.find(({ appliesTo: { poolIds, priority } }) => {
    if (poolIds !== undefined && (lead.poolId === undefined || !poolIds.includes(lead.poolId))) return false;
    return priority === undefined || priority === lead.priority;
  });
}
