import type { Activity, ContactEvent, ContactFacts } from './activity';
import type { ActivityMapping } from './activity-mapping';
import { counterActivities, parseCount } from './counter-activities';
import { propertyActivity } from './property-activity';
import { recordFact } from './record-fact';

/**
 * The activities a contact webhook event means, and the contact's facts after it. Counters keep
 * the highest value seen, so a decrease or a replay yields nothing. Deletion, merge and privacy
 * deletion are not activities: the worker handles them.
 */
export function mapContactEvent(
  event: ContactEvent,
  facts: ContactFacts,
  mapping: ActivityMapping,
): { activities: Activity[]; facts: ContactFacts } {
  if (event.subscriptionType === 'contact.creation') {
    const source = facts[mapping.creation.sourceProperty] ?? event.changeSource;
    const created: Activity = {
      key: mapping.creation.activity,
      type: mapping.creation.activity,
      occurredAt: event.occurredAt,
      detail: source ? { source } : {},
    };
    return { activities: [created], facts };
  }
  if (event.subscriptionType !== 'contact.propertyChange' || event.propertyName === undefined) return { activities: [], facts };

  const property = event.propertyName;
  const value = event.propertyValue ?? '';
  const counter = mapping.counters.find((c) => c.property === property);
  if (counter) {
    const count = parseCount(value);
    const previous = parseCount(facts[property]) ?? 0;
    if (count === undefined || count <= previous) return { activities: [], facts };
    return { activities: counterActivities(counter, previous, count, event.occurredAt), facts: { ...facts, [property]: String(count) } };
  }
  const activities = mapping.properties
    .filter((rule) => rule.property === property)
    .map((rule) => propertyActivity(rule, value, event.key, event.occurredAt))
    .filter((activity): activity is Activity => activity !== undefined);
  return { activities, facts: recordFact(facts, property, value, event.occurredAt) };
}
