import { evaluate, type FitRule, type ScoringModel } from '../../../src/domain/scoring';
import { MONDAY, testModel } from '../support/scoring-fixtures';

const base = { id: 'rule', label: 'Rule', points: 10 };
const fitOf = (rule: FitRule, value: string | undefined): number =>
  evaluate(testModel({ fitRules: [rule] }), [], value === undefined ? {} : { [rule.property]: value }, MONDAY).fit;

describe('evaluate: fit operators', () => {
  const eq: FitRule = { ...base, property: 'industry', op: 'eq', value: 'Computer Software' };
  const inList: FitRule = { ...base, property: 'country', op: 'in', values: ['Germany', 'France'] };
  const size: FitRule = { ...base, property: 'numemployees', op: 'range', min: 50, max: 100 };
  const atLeast: FitRule = { ...base, property: 'numemployees', op: 'range', min: 500 };
  const atMost: FitRule = { ...base, property: 'numemployees', op: 'range', max: 25 };
  const contains: FitRule = { ...base, property: 'jobtitle', op: 'contains', value: 'marketing' };
  const exists: FitRule = { ...base, property: 'phone', op: 'exists' };

  it.each<[string, FitRule, string | undefined, number]>([
    ['eq matches', eq, 'Computer Software', 10],
    ['eq ignores case and spaces', eq, ' computer software ', 10],
    ['eq differs', eq, 'Computer Hardware', 0],
    ['eq on a missing property', eq, undefined, 0],
    ['in: listed', inList, 'France', 10],
    ['in: not listed', inList, 'Spain', 0],
    ['range: enumeration inside', size, '50-100', 10],
    ['range: enumeration with an en dash', size, '50–100', 10],
    ['range: enumeration overlapping only at the edge', size, '25-50', 0],
    ['range: enumeration beyond', size, '100-500', 0],
    ['range: number inside', size, '75', 10],
    ['range: number at the bounds', size, '100', 10],
    ['range: number outside', size, '101', 0],
    ['range: open-ended enumeration, min only', atLeast, '1000+', 10],
    ['range: open-ended enumeration over a max', size, '1000+', 0],
    ['range: thousands separator', atLeast, '1,200', 10],
    ['range: max only', atMost, '5-25', 10],
    ['range: not a number', size, 'fifty', 0],
    ['range: missing', size, undefined, 0],
    ['contains', contains, 'VP Marketing', 10],
    ['contains: absent', contains, 'CTO', 0],
    ['exists', exists, '+49 30 123456', 10],
    ['exists: blank', exists, '  ', 0],
    ['exists: missing', exists, undefined, 0],
  ])('%s', (_name, rule, value, fit) => {
    expect(fitOf(rule, value)).toBe(fit);
  });

  it('labels a fit contribution with the value that matched', () => {
    const result = evaluate(testModel(), [], { industry: 'Software', numemployees: '50-100' }, MONDAY);
    expect(result.contributions).toEqual([
      { ruleId: 'industry', label: 'Industry: Software', kind: 'fit', count: 1, points: 15 },
      { ruleId: 'size', label: 'Company size: 50-100', kind: 'fit', count: 1, points: 10 },
    ]);
  });
});

describe('evaluate: grade bands (A ≥ 25, B ≥ 15, C ≥ 5)', () => {
  const model: ScoringModel = testModel({
    fitRules: [
      { id: 'industry', label: 'Industry', property: 'industry', op: 'exists', points: 15 },
      { id: 'size', label: 'Size', property: 'numemployees', op: 'exists', points: 10 },
      { id: 'phone', label: 'Phone', property: 'phone', op: 'exists', points: 5 },
      { id: 'student', label: 'Student', property: 'jobtitle', op: 'eq', value: 'Student', points: -20 },
    ],
  });
  it.each<[Record<string, string>, number, string]>([
    [{ industry: 'x', numemployees: 'x' }, 25, 'A'],
    [{ industry: 'x', numemployees: 'x', phone: 'x' }, 30, 'A'],
    [{ industry: 'x' }, 15, 'B'],
    [{ numemployees: 'x' }, 10, 'C'],
    [{ phone: 'x' }, 5, 'C'],
    [{}, 0, 'D'],
    [{ phone: 'x', jobtitle: 'Student' }, -15, 'D'],
  ])('%j → fit %i, grade %s', (facts, fit, grade) => {
    const result = evaluate(model, [], facts, MONDAY);
    expect([result.fit, result.grade]).toEqual([fit, grade]);
  });
});
