import type { Activity } from '../activities/activity';
import { textMatches } from '../text-match';
import type { LedgerEntry } from './ledger-entry';
import type { ScoringModel } from './scoring-model';

/** The rules an activity earns (raw points; caps and decay are applied at evaluation, never stored). One entry per matching rule. */
export function award(model: ScoringModel, activity: Activity): LedgerEntry[] {
  return model.engagementRules
    .filter((rule) => rule.activity === activity.type)
    .filter((rule) => !rule.when || textMatches(rule.when.op, rule.when.value, activity.detail[rule.when.field]))
    .map((rule) => ({ sourceKey: activity.key, ruleId: rule.id, points: rule.points, occurredAt: activity.occurredAt }));
}
