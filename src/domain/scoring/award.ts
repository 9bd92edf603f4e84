import type { Activity } from '../activities/activity';
import { compileScoringModel } from './compiled-model';
import type { LedgerEntry } from './ledger-entry';
import type { ScoringModel } from './scoring-model';

/** The rules an activity earns (raw points; caps and decay are applied at evaluation, never stored). One entry per matching rule. */
export function award(model: ScoringModel, activity: Activity): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  for (const { rule, field, when } of compileScoringModel(model).rulesByActivity.get(activity.type) ?? []) {
    if (when && !when(activity.detail[field])) continue;
    entries.push({ sourceKey: activity.key, ruleId: rule.id, points: rule.points, occurredAt: activity.occurredAt });
  }
  return entries;
}
