import type { ContactFacts } from '../activities/activity';
import { compileScoringModel } from './compiled-model';
import type { CountedEntry } from './count-ledger';
import { pointsAtAge } from './decay-factor';
import type { LedgerEntry } from './ledger-entry';
import { RuleTallies } from './rule-tallies';
import { scoreFromTallies } from './score-from-tallies';
import type { ScoreResult } from './score-result';
import type { ScoringModel } from './scoring-model';
import { tallyLedger } from './tally-ledger';

const tallies = new RuleTallies();

/**
 * The score at `now` from the ledger (entries after `now` are not yet history) and the contact's
 * facts: caps in time order, decay by age at `now`, the total engagement cap, then rounding once
 * at the end so the whole-number contributions add up exactly to fit + engagement.
 */
export function evaluate(model: ScoringModel, ledger: readonly LedgerEntry[], facts: ContactFacts, now: number): ScoreResult {
  const compiled = compileScoringModel(model);
  tallyLedger(compiled, ledger, now, tallies);
  return scoreFromTallies(compiled, tallies, facts);
}

/** `evaluate` for a ledger already counted up to `now` (so a replay counts it once). */
export function evaluateCounted(model: ScoringModel, countedLedger: readonly CountedEntry[], facts: ContactFacts, now: number): ScoreResult {
  const compiled = compileScoringModel(model);
  tallies.start(compiled.rules.length);
  for (const { entry, rule, points, counted } of countedLedger) {
    const index = compiled.ids.indexOf(rule.id);
    tallies.add(index, counted, pointsAtAge(points, compiled.rules[index]!.decay, now - entry.occurredAt));
  }
  return scoreFromTallies(compiled, tallies, facts);
}
