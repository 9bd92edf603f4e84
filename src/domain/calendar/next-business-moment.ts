import type { BusinessCalendar } from './business-calendar';
import { businessIntervalsFrom } from './business-intervals';

/** `at` itself during business time, otherwise the next opening time. */
export function nextBusinessMoment(calendar: BusinessCalendar, at: number): number {
  for (const [start] of businessIntervalsFrom(calendar, at)) return start;
  throw new Error('unreachable: business intervals never run out');
}
