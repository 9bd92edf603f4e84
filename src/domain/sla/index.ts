export { advanceClock, closeClock, type ClockProgress } from './advance-clock';
export { remainingBusinessMs } from './remaining-business-ms';
export { repCalendar, type RepCalendarSettings } from './rep-calendar';
export { selectPolicy } from './select-policy';
export type { SlaClock, SlaEffect, SlaState, Touch, TouchKind } from './sla-clock';
export { breachActionSchema, leadPrioritySchema, slaPoliciesSchema, slaPolicySchema, type BreachAction, type LeadPriority, type SlaPolicy } from './sla-policy';
export { startClock } from './start-clock';
export { slaSettingsSchema, type SlaSettings } from './sla-settings';
export { userIdOfSource } from './source-user';
