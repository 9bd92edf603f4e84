/** The contact properties the app owns in every portal, in its own property group. */

export const APP_PROPERTY_GROUP = { name: 'lead_manager', label: 'Lead Manager', displayOrder: -1 } as const;

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  description: string;
  groupName: string;
  type: 'number' | 'string' | 'enumeration' | 'datetime' | 'bool';
  fieldType: 'number' | 'text' | 'textarea' | 'select' | 'date' | 'booleancheckbox';
  options?: PropertyOption[];
}

const options = (...pairs: [string, string][]): PropertyOption[] =>
  pairs.map(([value, label], displayOrder) => ({ value, label, displayOrder }));

const property = (
  name: string,
  label: string,
  description: string,
  kind: Pick<PropertyDefinition, 'type' | 'fieldType' | 'options'>,
): PropertyDefinition => ({ name, label, description, groupName: APP_PROPERTY_GROUP.name, ...kind });

const NUMBER = { type: 'number', fieldType: 'number' } as const;
const TEXT = { type: 'string', fieldType: 'text' } as const;
const DATETIME = { type: 'datetime', fieldType: 'date' } as const;

export const LEAD_STATUSES = options(
  ['new', 'New'],
  ['mql', 'Marketing qualified (MQL)'],
  ['sql', 'Sales qualified (SQL)'],
  ['cooling', 'Cooling'],
  ['recycled', 'Recycled to marketing'],
  ['disqualified', 'Disqualified'],
);

export const SLA_STATES = options(
  ['on_track', 'On track'],
  ['at_risk', 'At risk'],
  ['breached', 'Breached'],
  ['met', 'Met'],
  ['reassigned', 'Reassigned'],
  ['recycled', 'Recycled'],
);

export const APP_PROPERTIES: PropertyDefinition[] = [
  property('lm_score', 'Lead score', 'Fit plus engagement, as the Lead Manager app scores it now.', NUMBER),
  property('lm_engagement_score', 'Engagement score', 'Behaviour points after caps and decay.', NUMBER),
  property('lm_fit_score', 'Fit score', 'Points for how well the contact matches the ideal customer profile.', NUMBER),
  property('lm_fit_grade', 'Fit grade', 'A (best) to D from the fit score.', {
    type: 'enumeration',
    fieldType: 'select',
    options: options(['A', 'A'], ['B', 'B'], ['C', 'C'], ['D', 'D']),
  }),
  property('lm_status', 'Lead qualification status', 'New, MQL, SQL, cooling, recycled or disqualified.', {
    type: 'enumeration',
    fieldType: 'select',
    options: LEAD_STATUSES,
  }),
  property('lm_score_reasons', 'Score reasons', 'The top contributors to the score, with their points now.', {
    type: 'string',
    fieldType: 'textarea',
  }),
  property('lm_score_updated_at', 'Score updated at', 'When the app last changed the score.', DATETIME),
  property('lm_routing_pool', 'Routing pool', 'The pool the lead was routed to.', TEXT),
  property('lm_routing_reason', 'Routing reason', 'The rule and reason the owner was chosen.', TEXT),
  property('lm_assigned_at', 'Assigned at', 'When the app assigned the current owner.', DATETIME),
  property('lm_sla_due_at', 'First touch due at', 'When the first touch is due, in the rep\u2019s business hours.', DATETIME),
  property('lm_sla_state', 'First touch SLA', 'On track, at risk, breached, met, reassigned or recycled.', {
    type: 'enumeration',
    fieldType: 'select',
    options: SLA_STATES,
  }),
];
