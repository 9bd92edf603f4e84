import { portalSettingsSchema, type PortalSettings } from '../../src/domain/portal-settings';
import { LIMITS } from '../../src/limits';
import { largestRoutingSettings, largestScoringSettings } from '../support/largest-settings';

const S = LIMITS.settings;
const largest = (): PortalSettings => ({ ...largestScoringSettings(), ...largestRoutingSettings() });
/** Settings as JSON would carry them, so an edit can break any rule of the schema. */
type Draft = Record<string, any>;
type Edit = (settings: Draft) => void;

const issuesOf = (input: unknown): { path: string; message: string }[] => {
  const result = portalSettingsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};
const longer = (limit: number) => 'x'.repeat(limit + 1);
/** One more of the list's last item, with a fresh id where items need unique ids. */
const oneMore = (list: Draft[], key?: string) => list.push({ ...list[list.length - 1], ...(key ? { [key]: `extra_${list.length}` } : {}) });

describe('settings limits', () => {
  it('accepts the largest settings the limits allow', () => {
    expect(issuesOf(largest())).toEqual([]);
  });

  it.each<[string, Edit, string, number]>([
    ['one engagement rule too many', (s) => oneMore(s.scoring.engagementRules, 'id'), 'scoring.engagementRules', S.engagementRules],
    ['one rule group too many', (s) => oneMore(s.scoring.groups, 'id'), 'scoring.groups', S.ruleGroups],
    ['one fit rule too many', (s) => oneMore(s.scoring.fitRules, 'id'), 'scoring.fitRules', S.fitRules],
    ['one value too many in a fit rule', (s) => s.scoring.fitRules[0].values.push('One more'), 'scoring.fitRules.0.values', S.valuesPerTest],
    ['a fit value too long', (s) => (s.scoring.fitRules[1].values[0] = longer(S.textChars)), 'scoring.fitRules.1.values.0', S.textChars],
    ['a detail field name too long', (s) => (s.scoring.engagementRules[0].when.field = longer(S.textChars)), 'scoring.engagementRules.0.when.field', S.textChars],
    ['a contains value too long', (s) => (s.scoring.engagementRules[0].when = { field: 'form', op: 'contains', value: longer(S.textChars) }), 'scoring.engagementRules.0.when.value', S.textChars],
    ['a pattern too long', (s) => (s.scoring.engagementRules[0].when.value = longer(S.patternChars)), 'scoring.engagementRules.0.when.value', S.patternChars],
    ['a property name too long', (s) => (s.scoring.fitRules[1].property = longer(S.textChars)), 'scoring.fitRules.1.property', S.textChars],
    ['one counter mapping too many', (s) => oneMore(s.scoring.mapping.counters, 'property'), 'scoring.mapping.counters', S.counterMappings],
    ['one property mapping too many', (s) => oneMore(s.scoring.mapping.properties), 'scoring.mapping.properties', S.propertyMappings],
    ['one engagement mapping too many', (s) => oneMore(s.scoring.mapping.engagements), 'scoring.mapping.engagements', S.engagementMappings],
    ['one detail field too many', (s) => (s.scoring.mapping.engagements[0].detail.extra = 'hs_extra'), 'scoring.mapping.engagements.0.detail', S.detailFieldsPerEngagement],
    ['an engagement property name too long', (s) => (s.scoring.mapping.engagements[0].detail.field0 = longer(S.textChars)), 'scoring.mapping.engagements.0.detail.field0', S.textChars],
    ['one routing rule too many', (s) => oneMore(s.routing.rules, 'id'), 'routing.rules', S.routingRules],
    ['one condition too many', (s) => oneMore(s.routing.rules[0].when), 'routing.rules.0.when', S.conditionsPerRule],
    ['one value too many in a condition', (s) => s.routing.rules[0].when[0].test.values.push('One more'), 'routing.rules.0.when.0.test.values', S.valuesPerTest],
    ['a condition value too long', (s) => (s.routing.rules[1].when[0].test.values[0] = longer(S.textChars)), 'routing.rules.1.when.0.test.values.0', S.textChars],
    ['one pool too many', (s) => oneMore(s.routing.pools, 'id'), 'routing.pools', S.pools],
    ['one member too many', (s) => s.routing.pools[0].members.push({ ownerId: '1999' }), 'routing.pools.0.members', S.membersPerPool],
    ['one rep too many', (s) => (s.routing.reps['9999'] = s.routing.reps['1001']), 'routing.reps', S.reps],
    ['one out-of-office period too many', (s) => oneMore(s.routing.reps['1000'].outOfOffice), 'routing.reps.1000.outOfOffice', S.outOfOfficePeriods],
    ['one working interval too many', (s) => s.routing.reps['1000'].calendar.workingHours.mon.push({ start: '20:00', end: '21:00' }), 'routing.reps.1000.calendar.workingHours.mon', S.intervalsPerDay],
    ['one extra day off too many', (s) => s.routing.reps['1000'].calendar.holidays.extra.push('2027-06-01'), 'routing.reps.1000.calendar.holidays.extra', S.calendarDays],
    ['one ignored holiday too many', (s) => s.sla.defaultCalendar.holidays.ignore.push('2027-06-01'), 'sla.defaultCalendar.holidays.ignore', S.calendarDays],
    ['a time zone too long', (s) => (s.routing.reps['1001'].calendar.timeZone = longer(S.textChars)), 'routing.reps.1001.calendar.timeZone', S.textChars],
    ['one SLA policy too many', (s) => oneMore(s.sla.policies, 'id'), 'sla.policies', S.slaPolicies],
    ['one pool too many for a policy', (s) => s.sla.policies[0].appliesTo.poolIds.push('pool_0'), 'sla.policies.0.appliesTo.poolIds', S.pools],
    ['one lifecycle stage too many', (s) => s.writeBack.lifecycleStage.order.push(...Array.from({ length: S.lifecycleStages }, (_, i) => `stage${i}`)), 'writeBack.lifecycleStage.order', S.lifecycleStages],
    ['a lead status value too long', (s) => (s.writeBack.leadStatus.values.sql = longer(S.textChars)), 'writeBack.leadStatus.values.sql', S.textChars],
  ])('refuses %s, at its path, naming the limit', (_name, edit, path, limit) => {
    const settings = structuredClone(largest()) as Draft;
    edit(settings);
    const issues = issuesOf(settings);
    expect(issues).toContainEqual({ path, message: expect.stringContaining(String(limit)) });
  });

  it('names a few of the known activities when a rule names an unknown one, not the whole mapping', () => {
    const settings = structuredClone(largest()) as Draft;
    settings.scoring.engagementRules[1].activity = 'no_such_activity';
    const [issue] = issuesOf(settings);
    expect(issue).toEqual({ path: 'scoring.engagementRules.1.activity', message: expect.stringMatching(/^No activity mapping produces "no_such_activity" \(known: .+ and \d+ more\)$/) });
    expect(issue!.message.length).toBeLessThan(400);
  });
});
