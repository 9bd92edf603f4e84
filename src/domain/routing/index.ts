export { checkAvailability, isAvailable, type Availability, type UnavailableReason } from './check-availability';
export { EMPTY_POOL_STATE, EMPTY_REP_STATE, poolStateSchema, type MemberState, type PoolState, type RepState } from './pool-state';
export { previewRouting, type PreviewLead, type RoutingPreview, type RoutingStates } from './preview-routing';
export { recordAssignment } from './record-assignment';
export { repAvailabilitySchema, type RepAvailability } from './rep-availability';
export { CLOSED_LEAD_STATUSES, PAST_LEAD_STAGES } from './open-lead';
export { ownerIssues, type OwnerIssue } from './owner-issues';
export { routeLead } from './route-lead';
export { routingProperties } from './routing-properties';
export type { RouteLeadInput, RoutingDecision, RoutingLead, SkippedMember, SkipReason } from './routing-input';
export { routingConditionSchema, routingRuleSchema, valueTestSchema, type RoutingCondition, type RoutingRule, type ValueTest } from './routing-rules';
export {
  poolMemberSchema,
  poolSchema,
  routingSettingsSchema,
  routingStrategySchema,
  type Pool,
  type PoolMember,
  type RoutingSettings,
  type RoutingSettingsInput,
  type RoutingStrategy,
} from './routing-settings';
