import type { BusinessCalendar } from './business-calendar';
import { businessIntervalsFrom } from './business-intervals';

/** Whether `at` falls inside working hours (opening time included, closing time not) on a working day. */
export function isBusinessTime(calendar: BusinessCalendar, at: number): boolean {
  for (const [start] of businessIntervalsFrom(calendar, at)) return start === at;
  return false;
}
