import type { BusinessCalendar } from './business-calendar';
import { publicHolidayDates } from './public-holidays';

/** Whether a local date (YYYY-MM-DD) is a holiday or extra day off for the calendar. */
export function isDayOff(holidays: BusinessCalendar['holidays'], isoDate: string): boolean {
  if (holidays.ignore?.includes(isoDate)) return false;
  if (holidays.extra?.includes(isoDate)) return true;
  if (holidays.country === undefined) return false;
  const year = Number(isoDate.slice(0, 4));
  // A multi-day holiday that starts late in December is listed under the year it starts.
  return [year, year - 1].some((y) => publicHolidayDates(holidays.country as string, holidays.region, y).has(isoDate));
}
