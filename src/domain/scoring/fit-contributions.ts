import type { ContactFacts } from '../activities/activity';
import type { CompiledFitRule } from './compiled-model';
import type { Contribution } from './score-result';

/**
 * Appends one contribution per fit rule the contact's facts satisfy, labelled with the value that
 * matched, to `contributions`; returns the fit points they add up to.
 */
export function addFitContributions(rules: readonly CompiledFitRule[], facts: ContactFacts, contributions: Contribution[]): number {
  let fit = 0;
  for (const { rule, labelFor } of rules) {
    const label = labelFor(facts[rule.property]);
    if (label === undefined) continue;
    contributions.push({ ruleId: rule.id, label, kind: 'fit', count: 1, points: rule.points });
    fit += rule.points;
  }
  return fit;
}
