import type { BusinessCalendar } from './business-calendar';
import { businessIntervalsFrom } from './business-intervals';

/** Business time from `from` to `to` in milliseconds; negative when `to` is earlier (time overdue). */
export function businessTimeBetween(calendar: BusinessCalendar, from: number, to: number): number {
  if (to < from) return -businessTimeBetween(calendar, to, from);
  let total = 0;
  for (const [start, end] of businessIntervalsFrom(calendar, from)) {
    if (start >= to) break;
    total += Math.min(end, to) - start;
  }
  return total;
}
