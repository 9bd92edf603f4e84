import type { Activity } from './activity';
import type { ActivityMapping } from './activity-mapping';
import { counterActivities, parseCount } from './counter-activities';
import { parseHubspotTimestamp } from './parse-hubspot-timestamp';
import { propertyActivity } from './property-activity';
import { textMatches } from '../text-match';

/**
 * A starting set of activities for an existing contact from its current properties (backfill on
 * install). Counter, value-, timestamp- and counterStep-keyed activities get the keys the webhook path
 * gives the same history, so events arriving meanwhile add no duplicate points (a counterStep rule's
 * current value makes the counter's current step its activity); event-keyed ones are keyed
 * `backfill:<contact>:<activity>`. Each is dated by its time property when the contact has one, else
 * `now`. Properties in `fromHistory` are left out: their activities come from their history instead.
 */
export function backfillActivities(
  contactId: string,
  properties: Record<string, string | null>,
  mapping: ActivityMapping,
  now: number,
  fromHistory: ReadonlySet<string> = new Set(),
): Activity[] {
  const value = (name: string): string | undefined => (fromHistory.has(name) ? undefined : properties[name]?.trim() || undefined);
  const dated = (timeProperty: string | undefined): number =>
    (timeProperty === undefined ? undefined : parseHubspotTimestamp(properties[timeProperty])) ?? now;

  const source = properties[mapping.creation.sourceProperty]?.trim() || undefined;
  const activities: Activity[] = [
    {
      key: mapping.creation.activity,
      type: mapping.creation.activity,
      occurredAt: dated(mapping.creation.timeProperty),
      detail: source ? { source } : {},
    },
  ];
  for (const counter of mapping.counters) {
    const count = parseCount(value(counter.property));
    if (count !== undefined) activities.push(...counterActivities(counter, count, dated(counter.timeProperty)));
  }
  for (const rule of mapping.properties) {
    const current = value(rule.property);
    if (current === undefined) continue;
    if (rule.keyBy === 'counterStep') {
      const counter = mapping.counters.find((c) => c.property === rule.counter);
      const count = parseCount(value(rule.counter ?? ''));
      if (count !== undefined && count > 0 && (!rule.when || textMatches(rule.when.op, rule.when.value, current))) {
        const key = `${rule.activity}:${count}`;
        if (!activities.some((activity) => activity.key === key)) {
          activities.push({ key, type: rule.activity, occurredAt: dated(counter?.timeProperty ?? rule.timeProperty), detail: { [rule.detailField]: current, ordinal: String(count) } });
        }
      }
      continue;
    }
    const activity = propertyActivity(rule, current, `backfill:${contactId}`, dated(rule.timeProperty));
    if (activity) activities.push(activity);
  }
  return activities.sort((a, b) => a.occurredAt - b.occurredAt);
}
