import { DateTime } from 'luxon';
import { dayOff, isBusinessTime, WEEKDAYS } from '../calendar';
import { isDateOnly, type RepAvailability } from './rep-availability';

export type UnavailableReason = 'away' | 'out_of_office' | 'holiday' | 'off_hours';

export type Availability = { available: true } | { available: false; reason: UnavailableReason; detail: string };

type OutOfOffice = RepAvailability['outOfOffice'][number];

function coversNow(range: OutOfOffice, localDate: string, now: number): boolean {
  const started = isDateOnly(range.from) ? localDate >= range.from : now >= Date.parse(range.from);
  const notEnded = isDateOnly(range.to) ? localDate <= range.to : now < Date.parse(range.to);
  return started && notEnded;
}

/** Whether a rep can take a lead at `now` in their business calendar, and if not, why (away, out of office, holiday, off hours). */
export function checkAvailability(rep: RepAvailability, now: number): Availability {
  if (rep.away) return { available: false, reason: 'away', detail: 'away' };
  const { calendar } = rep;
  const local = DateTime.fromMillis(now, { zone: calendar.timeZone });
  const date = local.toISODate() ?? '';
  const absence = rep.outOfOffice.find((range) => coversNow(range, date, now));
  if (absence) return { available: false, reason: 'out_of_office', detail: `out of office ${absence.from} to ${absence.to}` };
  const holiday = dayOff(calendar.holidays, date);
  if (holiday !== undefined) return { available: false, reason: 'holiday', detail: `holiday on ${date} (${holiday})` };
  if (!isBusinessTime(calendar, now)) {
    return { available: false, reason: 'off_hours', detail: `off hours (${WEEKDAYS[local.weekday - 1]} ${local.toFormat('HH:mm')} in ${calendar.timeZone})` };
  }
  return { available: true };
}

export const isAvailable = (rep: RepAvailability, now: number): boolean => checkAvailability(rep, now).available;
