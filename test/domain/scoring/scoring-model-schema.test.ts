import { DEFAULT_SCORING_MODEL, scoringModelSchema, type ScoringModel } from '../../../src/domain/scoring';

type Edit = (model: ScoringModel) => unknown;

const edited = (edit: Edit): unknown => edit(structuredClone(DEFAULT_SCORING_MODEL));

const issuesOf = (input: unknown): { path: string; message: string }[] => {
  const result = scoringModelSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

describe('scoringModelSchema', () => {
  it('accepts the default model unchanged', () => {
    expect(scoringModelSchema.parse(DEFAULT_SCORING_MODEL)).toEqual(DEFAULT_SCORING_MODEL);
  });

  it.each<[string, Edit, string, string]>([
    ['a rule id with spaces', (m) => ((m.engagementRules[0]!.id = 'Email Open'), m), 'engagementRules.0.id', 'lowercase letters'],
    ['an empty label', (m) => ((m.engagementRules[1]!.label = '  '), m), 'engagementRules.1.label', 'Give it a label'],
    ['fractional points', (m) => ((m.engagementRules[0]!.points = 2.5), m), 'engagementRules.0.points', 'whole number'],
    ['points as text', (m) => ({ ...m, engagementRules: [{ ...m.engagementRules[0], points: '2' }] }), 'engagementRules.0.points', 'must be a number'],
    ['a zero cap', (m) => ((m.engagementRules[0]!.cap = { max: 0, per: 'day' }), m), 'engagementRules.0.cap.max', 'at least 1 time'],
    ['an unknown cap period', (m) => ({ ...m, engagementRules: [{ ...m.engagementRules[0], cap: { max: 1, per: 'year' } }] }), 'engagementRules.0.cap.per', 'day, week, month or ever'],
    ['a bad pattern', (m) => ((m.engagementRules[6]!.when = { field: 'form', op: 'matches', value: '(webinar' }), m), 'engagementRules.6.when.value', 'not a pattern the app can run (missing closing )'],
    ['a pattern with a lookahead', (m) => ((m.engagementRules[6]!.when = { field: 'form', op: 'matches', value: 'web(?=inar)' }), m), 'engagementRules.6.when.value', 'lookarounds and backreferences are not supported'],
    ['a pattern with a backreference', (m) => ((m.engagementRules[6]!.when = { field: 'form', op: 'matches', value: '(a)\\1' }), m), 'engagementRules.6.when.value', 'not a pattern the app can run'],
    ['a pattern over 200 characters', (m) => ((m.engagementRules[6]!.when = { field: 'form', op: 'matches', value: 'a'.repeat(201) }), m), 'engagementRules.6.when.value', 'Keep patterns to 200 characters'],
    ['an unknown decay', (m) => ({ ...m, groups: [{ ...m.groups[0], decay: { kind: 'exponential', days: 3 } }] }), 'groups.0.decay.kind', 'half_life or linear'],
    ['a zero half-life', (m) => ((m.groups[0]!.decay = { kind: 'half_life', days: 0 }), m), 'groups.0.decay.days', 'more than 0 days'],
    ['linear decay over 100%', (m) => ((m.groups[3]!.decay = { kind: 'linear', percent: 120, everyDays: 7 }), m), 'groups.3.decay.percent', 'at most 100%'],
    ['an unknown fit operator', (m) => ({ ...m, fitRules: [{ ...m.fitRules[0], op: 'startsWith' }] }), 'fitRules.0.op', 'eq, in, range, contains or exists'],
    ['an empty value list', (m) => ({ ...m, fitRules: [{ ...m.fitRules[0], values: [] }] }), 'fitRules.0.values', 'at least one value'],
    ['a bad property name', (m) => ((m.fitRules[0]!.property = 'Industry'), m), 'fitRules.0.property', 'internal name'],
    ['an unknown grade', (m) => ({ ...m, thresholds: { ...m.thresholds, minGradeForSql: 'E' } }), 'thresholds.minGradeForSql', 'A, B, C or D'],
    ['a rule in a missing group', (m) => ((m.engagementRules[0]!.group = 'emails'), m), 'engagementRules.0.group', 'There is no group "emails"'],
    ['a rule no mapping feeds', (m) => ((m.engagementRules[0]!.activity = 'email_opened'), m), 'engagementRules.0.activity', 'No activity mapping produces "email_opened"'],
    ['a duplicate rule id', (m) => ((m.engagementRules[1]!.id = 'email_open'), m), 'engagementRules.1.id', 'already used by engagementRules.0'],
    ['a fit rule reusing an engagement id', (m) => ((m.fitRules[0]!.id = 'email_open'), m), 'fitRules.0.id', 'already used by engagementRules.0'],
    ['a duplicate group id', (m) => ((m.groups[1]!.id = 'email'), m), 'groups.1.id', 'already used'],
    ['a range without bounds', (m) => ((m.fitRules[1] = { id: 'size', label: 'Size', property: 'numemployees', op: 'range', points: 5 }), m), 'fitRules.1.min', 'minimum, a maximum or both'],
    ['a range upside down', (m) => ((m.fitRules[1] = { id: 'size', label: 'Size', property: 'numemployees', op: 'range', min: 100, max: 50, points: 5 }), m), 'fitRules.1.max', 'must not be below the minimum'],
    ['grade bands not descending', (m) => ((m.fitGrades = { A: 30, B: 30, C: 10 }), m), 'fitGrades.B', 'must start below grade A'],
    ['grade C above B', (m) => ((m.fitGrades = { A: 30, B: 20, C: 25 }), m), 'fitGrades.C', 'must start below grade B'],
    ['SQL below MQL', (m) => ((m.thresholds = { mql: 60, sql: 50, minGradeForSql: 'B' }), m), 'thresholds.sql', 'must not be below the MQL threshold (60)'],
    ['a zero engagement cap', (m) => ((m.engagementCap = 0), m), 'engagementCap', 'at least 1'],
    ['a duplicate counter', (m) => ((m.mapping.counters = [m.mapping.counters[0]!, m.mapping.counters[0]!]), m), 'mapping.counters.1.property', 'already mapped'],
    ['a bad mapping pattern', (m) => ((m.mapping.properties[0]!.when = { op: 'matches', value: '[' }), m), 'mapping.properties.0.when.value', 'not a pattern the app can run'],
  ])('rejects %s with a message at its path', (_name, edit, path, message) => {
    expect(issuesOf(edited(edit))).toContainEqual({ path, message: expect.stringContaining(message) });
  });
});
