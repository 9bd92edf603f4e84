import type { RoutingAssignment } from './routing-types';

/** Decisions the app makes without an admin's rule carry these ids instead of a rule's. */
const BUILT_IN_RULES: Record<string, string> = {
  company_owner: 'Company owner',
  manual: 'Reassigned by a user',
  default: 'Default pool',
  sla: 'Released by the SLA',
  hubspot_lookup: 'Reading the company owner from HubSpot',
  hold_queue: 'Released from the hold queue',
};

/** How the routing chose: the built-in reason, else the admin's rule label, else its id. */
export function ruleLabel({ ruleId, ruleLabel: label }: Pick<RoutingAssignment, 'ruleId' | 'ruleLabel'>): string {
  return BUILT_IN_RULES[ruleId] ?? label ?? ruleId;
}
