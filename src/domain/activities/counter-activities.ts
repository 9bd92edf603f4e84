import type { Activity } from './activity';
import type { CounterMapping } from './activity-mapping';

/** A counter property's value as a count (undefined when it is not a whole number a double holds exactly). */
export function parseCount(value: string | null | undefined): number | undefined {
  const text = value?.trim();
  const count = text && /^\d+$/.test(text) ? Number(text) : undefined;
  return count !== undefined && Number.isSafeInteger(count) ? count : undefined;
}

/**
 * One activity per ordinal the counter moved past (`page_view:17` is the 17th page view, whichever
 * event revealed it), the most recent `maxPerChange` of them. Nothing when it did not increase.
 */
export function counterActivities(counter: CounterMapping, previous: number, count: number, occurredAt: number): Activity[] {
  const first = Math.max(previous + 1, count - counter.maxPerChange + 1, 1);
  const activities: Activity[] = [];
  for (let ordinal = first; ordinal <= count; ordinal++) {
    activities.push({ key: `${counter.activity}:${ordinal}`, type: counter.activity, occurredAt, detail: { ordinal: String(ordinal) } });
  }
  return activities;
}
