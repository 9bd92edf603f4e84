import { DateTime } from 'luxon';
import { dayOff, isBusinessTime, WEEKDAYS } from '../calendar';
import { sourceNote, type SourcedAvailability } from '../availability/effective-reps';
import { isDateOnly, type RepAvailability } from './rep-availability';

export type UnavailableReason = 'away' | 'out_of_office' | 'holiday' | 'off_hours';

export type Availability = { available: true } | { available: false; reason: UnavailableReason; detail: string };

type OutOfOffice = RepAvailability['outOfOffice'][number];

function coversNow(range: OutOfOffice, localDate: string, now: number): boolean {
  const started = isDateOnly(range.from) ? localDate >= range.from : now >= Date.parse(range.from);
  const notEnded = isDateOnly(range.to) ? localDate <= range.to : now < Date.parse(range.to);
  return started && notEnded;
}

const WEEK_MS = 7 * 86_400_000;

/** "Mon 9:00" in the rep's zone within the coming week, "Mon 12 Jan 9:00" beyond it. */
function localEnd(to: string, now: number, timeZone: string): string {
  const end = DateTime.fromMillis(Date.parse(to), { zone: timeZone });
  return end.toFormat(end.toMillis() - now < WEEK_MS ? 'ccc H:mm' : 'ccc d LLL H:mm');
}

/**
 * Whether a rep can take a lead at `now` in their business calendar, and if not, why (away, out of office,
 * holiday, off hours), naming who said so when the rep's availability carries its source.
 */
export function checkAvailability(rep: SourcedAvailability, now: number): Availability {
  const fromHubspot = rep.source === 'hubspot';
  if (rep.away) return { available: false, reason: 'away', detail: fromHubspot ? 'away in HubSpot' : `away${sourceNote(rep.source)}` };
  const { calendar } = rep;
  const local = DateTime.fromMillis(now, { zone: calendar.timeZone });
  const date = local.toISODate() ?? '';
  const absence = rep.outOfOffice.find((range) => coversNow(range, date, now));
  if (absence) {
    const detail = fromHubspot ? `out of office until ${localEnd(absence.to, now, calendar.timeZone)}` : `out of office ${absence.from} to ${absence.to}`;
    return { available: false, reason: 'out_of_office', detail: `${detail}${sourceNote(rep.source)}` };
  }
  const holiday = dayOff(calendar.holidays, date);
  if (holiday !== undefined) return { available: false, reason: 'holiday', detail: `holiday on ${date} (${holiday})${sourceNote(rep.calendarSource)}` };
  if (!isBusinessTime(calendar, now)) {
    const detail = `off hours (${WEEKDAYS[local.weekday - 1]} ${local.toFormat('HH:mm')} in ${calendar.timeZone})`;
    return { available: false, reason: 'off_hours', detail: `${detail}${sourceNote(rep.calendarSource)}` };
  }
  return { available: true };
}

export const isAvailable = (rep: RepAvailability, now: number): boolean => checkAvailability(rep, now).available;
