export type { Decision, LeadStatus, Transition } from './lead-status';
export { qualify } from './qualify';
