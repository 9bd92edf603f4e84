import type { Activity, ContactEvent, ContactFacts } from './activity';
import type { ActivityMapping, CounterMapping } from './activity-mapping';
import { counterActivities, parseCount } from './counter-activities';
import { loggedProperties, recordStep } from './counter-steps';
import { propertyActivity } from './property-activity';
import { factChangedAtKey, recordFact } from './record-fact';

/**
 * The activities a contact webhook event means, and the contact's facts after it. Deletion, merge and
 * privacy deletion are not activities: the worker handles them.
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
  // A change that counterStep rules pair goes into its log; the activities it implies are derived from the logs.
  const logged = loggedProperties(mapping).has(property) ? recordStep(facts, property, value, event.occurredAt) : facts;
  const counter = mapping.counters.find((c) => c.property === property);
  if (counter) return counterEvent(counter, parseCount(value), event.occurredAt, logged);
  const activities = mapping.properties
    .filter((rule) => rule.property === property)
    .map((rule) => propertyActivity(rule, value, event.key, event.occurredAt))
    .filter((activity): activity is Activity => activity !== undefined);
  return { activities, facts: recordFact(logged, property, value, event.occurredAt) };
}

/**
 * A counter's new value. Facts keep the highest value seen and the latest time one was seen. A value that
 * extends the counter after everything known (the usual case) adds only the ordinals above the highest; one
 * that arrives out of order names its whole window again, so the store can stamp each ordinal with the
 * earliest time any value reached it. Either way the activities end the same whatever the order.
 */
function counterEvent(counter: CounterMapping, count: number | undefined, at: number, facts: ContactFacts): { activities: Activity[]; facts: ContactFacts } {
  if (count === undefined) return { activities: [], facts };
  const highest = parseCount(facts[counter.property]) ?? 0;
  const latestAt = Number(facts[factChangedAtKey(counter.property)] ?? -Infinity);
  const inOrder = count > highest && at >= latestAt;
  return {
    activities: counterActivities(counter, count, at, inOrder ? highest : 0),
    facts: { ...facts, [counter.property]: String(Math.max(count, highest)), [factChangedAtKey(counter.property)]: String(Math.max(at, latestAt)) },
  };
}
