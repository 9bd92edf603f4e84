import { capPeriodOf } from './cap-period';
import { compareLedgerEntries, type LedgerEntry } from './ledger-entry';
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

interface PeriodTally {
  period: number;
  total: number;
}

/**
 * The ledger in canonical order, one entry per (sourceKey, ruleId), up to `until`, with caps
 * applied in time order: a rule's cap counts earlier entries of the rule in the same UTC period;
 * a group's cap limits the positive points its rules earn together per period (negative points
 * are never capped). Entries of rules the model no longer has are left out. Independent of `now`,
 * so a prefix of the result is the result for an earlier time.
 */
export function countLedger(model: ScoringModel, ledger: readonly LedgerEntry[], until: number): CountedEntry[] {
  const rules = new Map(model.engagementRules.map((rule) => [rule.id, rule]));
  const groups = new Map(model.groups.map((group) => [group.id, group]));
  const ruleTallies = new Map<string, PeriodTally>();
  const groupTallies = new Map<string, PeriodTally>();
  const tally = (tallies: Map<string, PeriodTally>, id: string, period: number): PeriodTally => {
    const current = tallies.get(id);
    if (current?.period === period) return current;
    const fresh = { period, total: 0 };
    tallies.set(id, fresh);
    return fresh;
  };

  const seenByRule = new Map<string, Set<string>>();
  const counted: CountedEntry[] = [];
  for (const entry of ledger.filter((e) => e.occurredAt <= until).sort(compareLedgerEntries)) {
    const rule = rules.get(entry.ruleId);
    if (!rule) continue;
    const seen = seenByRule.get(rule.id) ?? new Set<string>();
    seenByRule.set(rule.id, seen);
    if (seen.has(entry.sourceKey)) continue;
    seen.add(entry.sourceKey);
    const group = rule.group === undefined ? undefined : groups.get(rule.group);

    let points = entry.points;
    let withinRuleCap = true;
    if (rule.cap) {
      const ruleTally = tally(ruleTallies, rule.id, capPeriodOf(rule.cap.per, entry.occurredAt));
      withinRuleCap = ruleTally.total < rule.cap.max;
      if (withinRuleCap) ruleTally.total += 1;
      else points = 0;
    }
    if (group?.cap && points > 0) {
      const groupTally = tally(groupTallies, group.id, capPeriodOf(group.cap.per, entry.occurredAt));
      points = Math.min(points, Math.max(0, group.cap.maxPoints - groupTally.total));
      groupTally.total += points;
    }
    counted.push({ entry, rule, group, points, counted: withinRuleCap && (points !== 0 || entry.points === 0) });
  }
  return counted;
}
