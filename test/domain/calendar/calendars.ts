import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../../../src/domain/calendar';

const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];

/** Monday to Friday 9–17 in a time zone, with a country's public holidays if given. */
export function weekdays9to5(timeZone: string, holidays: BusinessCalendar['holidays'] = {}): BusinessCalendar {
  return { timeZone, workingHours: { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE }, holidays };
}

/** Epoch ms of a local wall-clock time, e.g. local('2026-03-06T16:30', 'America/New_York'). */
export function local(isoLocal: string, timeZone: string): number {
  const instant = DateTime.fromISO(isoLocal, { zone: timeZone });
  if (!instant.isValid) throw new Error(`Bad local time ${isoLocal} in ${timeZone}`);
  return instant.toMillis();
}

/** The local wall-clock time of an instant, as 'YYYY-MM-DDTHH:mm'. */
export function wallClock(at: number, timeZone: string): string {
  return DateTime.fromMillis(at, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
