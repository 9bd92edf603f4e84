import type { Activity } from './activity';
import type { CounterMapping } from './activity-mapping';

/** A counter property's value as a count (undefined when it is not a whole number a double holds exactly). */
export function parseCount(value: string | null | undefined): number | undefined {
  const text = value?.trim();
  const count = text && /^\d+$/.test(text) ? Number(text) : undefined;
  return count !== undefined && Number.isSafeInteger(count) ? count : undefined;
}

/**
 * The activities a counter value means: one per ordinal (`page_view:17` is the 17th page view), for the
 * last `maxPerChange` ordinals up to `count` (a large jump stays bounded), from `above` on when the lower
 * ones are known to exist already. Every value seeing ordinal N stamps it; the store keeps the earliest
 * time, so N's time is that of the earliest event that showed a count reaching N, in whatever order
 * events come.
 */
export function counterActivities(counter: CounterMapping, count: number, occurredAt: number, above = 0): Activity[] {
  const first = Math.max(above + 1, count - counter.maxPerChange + 1, 1);
  const activities: Activity[] = [];
  for (let ordinal = first; ordinal <= count; ordinal++) {
    activities.push({ key: `${counter.activity}:${ordinal}`, type: counter.activity, occurredAt, detail: { ordinal: String(ordinal) } });
  }
  return activities;
}
