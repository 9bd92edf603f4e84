import { sortCanonically } from './canonical-order';
import { CapTallies } from './cap-tallies';
import { compileScoringModel } from './compiled-model';
import { LedgerScratch } from './ledger-scratch';
import type { LedgerEntry } from './ledger-entry';
import { PairTable } from './pair-table';
import type { ScoringModel } from './scoring-model';
import type { EngagementRule, RuleGroup } from './scoring-rules';

export interface CountedEntry {
  entry: LedgerEntry;
  rule: EngagementRule;
  group: RuleGroup | undefined;
  /** Raw points it keeps after the rule's and the group's caps (before decay). */
  points: number;
  /** Within the rule's cap and not wholly cut by the group's. */
  counted: boolean;
}

const scratch = new LedgerScratch();
const pairs = new PairTable();
const caps = new CapTallies();

/**
 * The ledger in canonical order, one entry per (sourceKey, ruleId), up to `until`, with caps
 * applied in time order: a rule's cap counts earlier entries of the rule in the same UTC period;
 * a group's cap limits the positive points its rules earn together per period (negative points
 * are never capped). Entries of rules the model no longer has are left out. Independent of `now`,
 * so a prefix of the result is the result for an earlier time.
 */
export function countLedger(model: ScoringModel, ledger: readonly LedgerEntry[], until: number): CountedEntry[] {
  const compiled = compileScoringModel(model);
  scratch.reserve(ledger.length);
  const { order, times, rules, ranks } = scratch;
  let kept = 0;
  for (let i = 0; i < ledger.length; i++) {
    const entry = ledger[i]!;
    const rule = entry.occurredAt <= until ? compiled.ids.indexOf(entry.ruleId) : -1;
    if (rule < 0) continue;
    order[kept++] = i;
    times[i] = entry.occurredAt;
    rules[i] = rule;
    ranks[i] = compiled.rules[rule]!.rank;
  }
  sortCanonically(order, 0, kept, ledger, times, ranks);

  pairs.start(kept);
  caps.start(compiled);
  const counted: CountedEntry[] = [];
  for (let k = 0; k < kept; k++) {
    const index = order[k]!;
    const r = rules[index]!;
    const entry = ledger[index]!;
    if (pairs.claim(ledger, index, entry.sourceKey, r) !== index) continue;
    const { rule, group } = compiled.rules[r]!;
    const points = caps.apply(compiled, r, entry.points, entry.occurredAt);
    counted.push({ entry, rule, group, points, counted: caps.withinRuleCap && (points !== 0 || entry.points === 0) });
  }
  return counted;
}
