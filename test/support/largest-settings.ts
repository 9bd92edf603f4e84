import { DEFAULT_PORTAL_SETTINGS, type PortalSettings } from '../../src/domain/portal-settings';
import { LIMITS } from '../../src/limits';

const S = LIMITS.settings;
/** Activities the sandbox's scenarios produce, so that the rules have work to do. */
const ACTIVITIES = ['page_view', 'email_open', 'email_click', 'form_submission', 'pricing_page_view', 'meeting_booked', 'call', 'sales_email', 'note', 'contact_created'];
const FIT_PROPERTIES = ['industry', 'country', 'jobtitle', 'numemployees', 'phone'];
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Scoring settings with every list as long as the limits allow (rules, groups, mappings, a detail map
 * and an `in` test), rules spread over the activities contacts really have, and still small enough to
 * be sent as one settings body.
 */
export function largestScoringSettings(): PortalSettings {
  const base = DEFAULT_PORTAL_SETTINGS.scoring;
  const mapping = {
    ...base.mapping,
    counters: [
      ...base.mapping.counters,
      ...range(S.counterMappings - base.mapping.counters.length).map((i) => ({ property: `counter_${i}`, activity: `counted_${i}`, maxPerChange: 10 })),
    ],
    properties: [
      ...base.mapping.properties,
      ...range(S.propertyMappings - base.mapping.properties.length).map((i) => ({
        property: `signal_${i}`,
        activity: `signal_${i}`,
        detailField: 'value',
        keyBy: 'value' as const,
      })),
    ],
    engagements: [
      { objectType: 'notes' as const, activity: 'note', detail: Object.fromEntries(range(S.detailFieldsPerEngagement).map((i) => [`field${i}`, `hs_field_${i}`])) },
      ...base.mapping.engagements,
      ...range(S.engagementMappings - base.mapping.engagements.length - 1).map((i) => ({ objectType: 'tasks' as const, activity: `task_${i}`, detail: {} })),
    ],
  };
  const groups = range(S.ruleGroups).map((i) => ({
    id: `group_${i}`,
    label: `Group ${i}`,
    ...(i % 2 === 0 ? { cap: { maxPoints: 50 + i, per: 'week' as const } } : {}),
    decay: i % 3 === 0 ? { kind: 'linear' as const, percent: 10, everyDays: 30 } : { kind: 'half_life' as const, days: 30 + i },
  }));
  const engagementRules = range(S.engagementRules).map((i) => ({
    id: `rule_${i}`,
    label: `Rule ${i}`,
    activity: ACTIVITIES[i % ACTIVITIES.length]!,
    ...(i % 7 === 0 ? { when: { field: 'form', op: 'matches' as const, value: `webinar|demo|trial ${i}` } } : {}),
    points: (i % 9) - 2,
    group: `group_${i % S.ruleGroups}`,
    ...(i % 4 === 0 ? { cap: { max: 3, per: 'day' as const } } : {}),
  }));
  const fitRules = range(S.fitRules).map((i) => {
    const fit = { id: `fit_${i}`, label: `Fit ${i}`, property: FIT_PROPERTIES[i % FIT_PROPERTIES.length]!, points: (i % 11) - 3 };
    if (i === 0) return { ...fit, property: 'country', op: 'in' as const, values: range(S.valuesPerTest).map((v) => `Country ${v}`) };
    if (i % 5 === 3) return { ...fit, op: 'range' as const, min: i, max: i * 10 };
    if (i % 5 === 4) return { ...fit, op: 'exists' as const };
    return { ...fit, op: 'in' as const, values: [`Value ${i}`, 'Computer Software', 'United States', 'Marketing Manager'] };
  });
  return {
    ...DEFAULT_PORTAL_SETTINGS,
    scoring: { ...base, mapping, groups, engagementRules, fitRules, thresholds: { mql: 40, sql: 5_000, minGradeForSql: 'A' } },
  };
}
