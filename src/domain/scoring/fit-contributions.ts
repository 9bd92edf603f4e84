import type { ContactFacts } from '../activities/activity';
import { valueTestMatches } from '../value-test';
import type { Contribution } from './score-result';
import type { FitRule } from './scoring-rules';

/** One contribution per fit rule the contact's facts satisfy, labelled with the value that matched. */
export function fitContributions(rules: readonly FitRule[], facts: ContactFacts): Contribution[] {
  return rules
    .filter((rule) => valueTestMatches(rule, facts[rule.property]))
    .map((rule) => ({
      ruleId: rule.id,
      label: rule.op === 'exists' ? rule.label : `${rule.label}: ${facts[rule.property]?.trim()}`,
      kind: 'fit',
      count: 1,
      points: rule.points,
    }));
}
