import type { Activity } from '../activities/activity';
import { textMatches } from '../text-match';
import type { LedgerEntry } from './ledger-entry';
import type { ScoringModel } from './scoring-model';
import type { EngagementRule } from './scoring-rules';

/** Each model's engagement rules by the activity they score, in model order: a rescore awards every activity of a portal. */
const rulesByActivity = new WeakMap<ScoringModel, Map<string, EngagementRule[]>>();

function rulesFor(model: ScoringModel, activity: string): readonly EngagementRule[] {
  let index = rulesByActivity.get(model);
  if (!index) {
    index = new Map();
    for (const rule of model.engagementRules) index.set(rule.activity, [...(index.get(rule.activity) ?? []), rule]);
    rulesByActivity.set(model, index);
  }
  return index.get(activity) ?? [];
}

/** The rules an activity earns (raw points; caps and decay are applied at evaluation, never stored). One entry per matching rule. */
export function award(model: ScoringModel, activity: Activity): LedgerEntry[] {
  return rulesFor(model, activity.type)
    .filter((rule) => !rule.when || textMatches(rule.when.op, rule.when.value, activity.detail[rule.when.field]))
    .map((rule) => ({ sourceKey: activity.key, ruleId: rule.id, points: rule.points, occurredAt: activity.occurredAt }));
}
