import type { ContactFacts } from '../activities/activity';
import { compareText } from '../compare-text';
import { capEngagement } from './cap-engagement';
import { countLedger, type CountedEntry } from './count-ledger';
import { decayFactor } from './decay-factor';
import { fitContributions } from './fit-contributions';
import { gradeForFit } from './grade-for-fit';
import type { LedgerEntry } from './ledger-entry';
import { roundToSum } from './round-to-sum';
import type { Contribution, ScoreResult } from './score-result';
import type { ScoringModel } from './scoring-model';
import type { EngagementRule } from './scoring-rules';

interface RuleTally {
  rule: EngagementRule;
  count: number;
  points: number;
}

/**
 * The score at `now` from the ledger (entries after `now` are not yet history) and the contact's
 * facts: caps in time order, decay by age at `now`, the total engagement cap, then rounding once
 * at the end so the whole-number contributions add up exactly to fit + engagement.
 */
export function evaluate(model: ScoringModel, ledger: readonly LedgerEntry[], facts: ContactFacts, now: number): ScoreResult {
  return evaluateCounted(model, countLedger(model, ledger, now), facts, now);
}

/** `evaluate` for a ledger already counted up to `now` (so a replay counts it once). */
export function evaluateCounted(model: ScoringModel, countedLedger: readonly CountedEntry[], facts: ContactFacts, now: number): ScoreResult {
  const tallies = new Map<string, RuleTally>();
  for (const { entry, rule, group, points, counted } of countedLedger) {
    const tally = tallies.get(rule.id) ?? { rule, count: 0, points: 0 };
    tallies.set(rule.id, tally);
    if (counted) tally.count += 1;
    tally.points += points * decayFactor(group?.decay, now - entry.occurredAt);
  }
  const earned = [...tallies.values()].filter((t) => t.count > 0).sort((a, b) => compareText(a.rule.id, b.rule.id));
  const rounded = roundToSum(capEngagement(earned.map((t) => t.points), model.engagementCap));
  const engagement: Contribution[] = earned.map((t, i) => ({
    ruleId: t.rule.id,
    label: t.rule.label,
    kind: 'engagement',
    count: t.count,
    points: rounded[i]!,
  }));
  const fitParts = fitContributions(model.fitRules, facts);

  const fit = fitParts.reduce((sum, c) => sum + c.points, 0);
  const engagementPoints = engagement.reduce((sum, c) => sum + c.points, 0);
  const contributions = [...engagement, ...fitParts].sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || compareText(a.ruleId, b.ruleId));
  return {
    fit,
    engagement: engagementPoints,
    total: fit + engagementPoints,
    grade: gradeForFit(model.fitGrades, fit),
    contributions,
  };
}
