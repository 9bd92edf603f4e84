import type { Activity } from './activity';
import type { ActivityMapping } from './activity-mapping';
import { counterActivities, parseCount } from './counter-activities';
import { parseHubspotTimestamp } from './parse-hubspot-timestamp';
import { propertyActivity } from './property-activity';

/**
 * A starting set of activities for an existing contact from its current properties (backfill on
 * install). Counter, value- and timestamp-keyed activities get the keys the webhook path gives the
 * same history, so events arriving meanwhile add no duplicate points; event-keyed ones (e.g. the
 * last page seen) are keyed `backfill:<contact>:<activity>`. Each is dated by its time property
 * when the contact has one, else `now`.
 */
export function backfillActivities(
  contactId: string,
  properties: Record<string, string | null>,
  mapping: ActivityMapping,
  now: number,
): Activity[] {
  const value = (name: string): string | undefined => properties[name]?.trim() || undefined;
  const dated = (timeProperty: string | undefined): number =>
    (timeProperty === undefined ? undefined : parseHubspotTimestamp(properties[timeProperty])) ?? now;

  const source = value(mapping.creation.sourceProperty);
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
    const activity = current === undefined ? undefined : propertyActivity(rule, current, `backfill:${contactId}`, dated(rule.timeProperty));
    if (activity) activities.push(activity);
  }
  return activities.sort((a, b) => a.occurredAt - b.occurredAt);
}
