import { DateTime } from 'luxon';
import type { BusinessCalendar } from './business-calendar';
import { intervalsOfDay } from './business-intervals';

/** Whether `at` falls inside working hours (opening time included, closing time not) on a working day. */
export function isBusinessTime(calendar: BusinessCalendar, at: number): boolean {
  return intervalsOfDay(calendar, DateTime.fromMillis(at, { zone: calendar.timeZone })).some(([start, end]) => start <= at && at < end);
}
