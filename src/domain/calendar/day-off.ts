import type { BusinessCalendar } from './business-calendar';
import { publicHolidays } from './public-holidays';

/** What makes a local date (YYYY-MM-DD) a day off: the public holiday's name or 'extra day off'; undefined on a working date. */
export function dayOff(holidays: BusinessCalendar['holidays'], isoDate: string): string | undefined {
  if (holidays.ignore?.includes(isoDate)) return undefined;
  if (holidays.extra?.includes(isoDate)) return 'extra day off';
  if (holidays.country === undefined) return undefined;
  const year = Number(isoDate.slice(0, 4));
  // A multi-day holiday that starts late in December is listed under the year it starts.
  return publicHolidays(holidays.country, holidays.region, year).get(isoDate) ?? publicHolidays(holidays.country, holidays.region, year - 1).get(isoDate);
}
