import { isDateOnly, minutesOfDay, type RepAvailability } from './rep-availability';
import { formatMinutes, localClock } from './local-clock';

export type UnavailableReason = 'away' | 'out_of_office' | 'holiday' | 'off_hours';

export type Availability = { available: true } | { available: false; reason: UnavailableReason; detail: string };

type OutOfOffice = RepAvailability['outOfOffice'][number];

function coversNow(range: OutOfOffice, localDate: string, now: number): boolean {
  const started = isDateOnly(range.from) ? localDate >= range.from : now >= Date.parse(range.from);
  const notEnded = isDateOnly(range.to) ? localDate <= range.to : now < Date.parse(range.to);
  return started && notEnded;
}

/** Whether a rep can take a lead at `now`, and if not, why (away, out of office, holiday, off hours). */
export function checkAvailability(rep: RepAvailability, now: number): Availability {
  if (rep.away) return { available: false, reason: 'away', detail: 'away' };
  const clock = localClock(rep.timeZone, now);
  const absence = rep.outOfOffice.find((range) => coversNow(range, clock.date, now));
  if (absence) return { available: false, reason: 'out_of_office', detail: `out of office ${absence.from} to ${absence.to}` };
  if (rep.holidays.includes(clock.date)) return { available: false, reason: 'holiday', detail: `holiday on ${clock.date}` };
  const working = (rep.workingHours[clock.weekday] ?? []).some(
    (interval) => minutesOfDay(interval.start) <= clock.minutes && clock.minutes < minutesOfDay(interval.end),
  );
  if (!working) {
    return { available: false, reason: 'off_hours', detail: `off hours (${clock.weekday} ${formatMinutes(clock.minutes)} in ${rep.timeZone})` };
  }
  return { available: true };
}

export const isAvailable = (rep: RepAvailability, now: number): boolean => checkAvailability(rep, now).available;
