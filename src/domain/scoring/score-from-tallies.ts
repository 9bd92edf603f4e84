import type { ContactFacts } from '../activities/activity';
import { compareText } from '../compare-text';
import { capEngagement } from './cap-engagement';
import type { CompiledScoringModel } from './compiled-model';
import { addFitContributions } from './fit-contributions';
import { gradeForFit } from './grade-for-fit';
import { roundToSum } from './round-to-sum';
import type { RuleTallies } from './rule-tallies';
import type { Contribution, ScoreResult } from './score-result';

const byWeight = (a: Contribution, b: Contribution): number => Math.abs(b.points) - Math.abs(a.points) || compareText(a.ruleId, b.ruleId);

/** Insertion beats the engine's sort on the few items a score has, and is as stable; past this many it does not. */
const INSERTION_MAX = 32;

function sortStable<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > INSERTION_MAX) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const moving = items[i]!;
    let j = i - 1;
    for (; j >= 0 && compare(items[j]!, moving) > 0; j--) items[j + 1] = items[j]!;
    items[j + 1] = moving;
  }
  return items;
}

/**
 * The score from each rule's tally: the rules with counted entries in id order, their points under
 * the total cap and rounded once so they add up, then the fit rules the facts satisfy.
 */
export function scoreFromTallies(compiled: CompiledScoringModel, tallies: RuleTallies, facts: ContactFacts): ScoreResult {
  const earned: number[] = [];
  for (let i = 0; i < tallies.touchedLength; i++) {
    const rule = tallies.touched[i]!;
    if (tallies.count[rule]! > 0) earned.push(rule);
  }
  sortStable(earned, compiled.byId);
  const rounded = roundToSum(capEngagement(earned.map((rule) => tallies.points[rule]!), compiled.model.engagementCap));

  const contributions: Contribution[] = [];
  let engagement = 0;
  for (let i = 0; i < earned.length; i++) {
    const index = earned[i]!;
    const { rule } = compiled.rules[index]!;
    contributions.push({ ruleId: rule.id, label: rule.label, kind: 'engagement', count: tallies.count[index]!, points: rounded[i]! });
    engagement += rounded[i]!;
  }
  const fit = addFitContributions(compiled.fitRules, facts, contributions);
  sortStable(contributions, byWeight);
  return { fit, engagement, total: fit + engagement, grade: gradeForFit(compiled.model.fitGrades, fit), contributions };
}
