import { textMatches } from '../text-match';
import type { Activity } from './activity';
import type { PropertyMapping } from './activity-mapping';
import { parseHubspotTimestamp } from './parse-hubspot-timestamp';

/**
 * The activity a property value means under one mapping rule, if any. `eventKey` identifies the
 * change (webhook event key, or the backfill's), `at` when it happened when the value does not say.
 */
export function propertyActivity(rule: PropertyMapping, value: string, eventKey: string, at: number): Activity | undefined {
  const text = value.trim();
  if (text === '' || (rule.when && !textMatches(rule.when.op, rule.when.value, text))) return undefined;
  const activity = (key: string, occurredAt: number, detailValue: string): Activity => ({
    key,
    type: rule.activity,
    occurredAt,
    detail: { [rule.detailField]: detailValue },
  });
  switch (rule.keyBy) {
    case 'event':
      return activity(`${eventKey}:${rule.activity}`, at, text);
    case 'value':
      return activity(`${rule.activity}:${text.toLowerCase()}`, at, text);
    case 'valueAt':
      return activity(`${rule.activity}:${text.toLowerCase()}:${at}`, at, text);
    case 'timestamp': {
      const stamp = parseHubspotTimestamp(text);
      return stamp === undefined ? undefined : activity(`${rule.activity}:${stamp}`, stamp, String(stamp));
    }
    case 'counterStep':
      // A step of the rule's counter, not a change of this property, is the activity (see counterStepActivities).
      return undefined;
  }
}
