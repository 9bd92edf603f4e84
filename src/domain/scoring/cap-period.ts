import type { CapPeriod } from './scoring-rules';

export const DAY_MS = 86_400_000;
/** The times a Date can stand for; the arithmetic below is exact for whole milliseconds in this range. */
const DATE_LIMIT_MS = 8.64e15;

/**
 * Months since year 0 (year × 12 + month, January = 0) of a UTC day number, by the days-to-civil
 * arithmetic of proleptic Gregorian 400-year eras (H. Hinnant), so caps per month build no Date per entry.
 */
function monthOfDay(day: number): number {
  const shifted = day + 719_468; // days since 0000-03-01: leap days then fall at the end of a year
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const month = marchMonth < 10 ? marchMonth + 2 : marchMonth - 10;
  return (era * 400 + yearOfEra + (month < 2 ? 1 : 0)) * 12 + month;
}

/** The UTC calendar period a time falls in, as a number that orders like time (weeks start on Monday). */
export function capPeriodOf(per: CapPeriod, at: number): number {
  switch (per) {
    case 'day':
      return Math.floor(at / DAY_MS);
    case 'week':
      return Math.floor((Math.floor(at / DAY_MS) + 3) / 7); // 1970-01-01 was a Thursday
    case 'month': {
      if (Number.isInteger(at) && Math.abs(at) <= DATE_LIMIT_MS) return monthOfDay(Math.floor(at / DAY_MS));
      const date = new Date(at); // what Date makes of fractions and of times it cannot hold
      return date.getUTCFullYear() * 12 + date.getUTCMonth();
    }
    case 'ever':
      return 0;
  }
}
