import { DateTime } from 'luxon';
import { minutesOfDay, WEEKDAYS, type BusinessCalendar } from './business-calendar';
import { dayOff } from './day-off';

/** A stretch of business time: [start, end) in epoch milliseconds. */
export type BusinessInterval = readonly [start: number, end: number];

/** Two years without a working moment means the calendar has none worth waiting for. */
const MAX_DAYS_SCANNED = 2 * 366;

function instantAt(day: DateTime, minutes: number): number {
  const date = minutes === 24 * 60 ? day.plus({ days: 1 }) : day;
  return DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: Math.floor((minutes % (24 * 60)) / 60), minute: minutes % 60 },
    { zone: day.zone },
  ).toMillis();
}

function computeIntervalsOfDay(calendar: BusinessCalendar, day: DateTime, isoDate: string): BusinessInterval[] {
  if (dayOff(calendar.holidays, isoDate) !== undefined) return [];
  const weekday = WEEKDAYS[day.weekday - 1];
  const schedule = weekday === undefined ? [] : (calendar.workingHours[weekday] ?? []);
  return schedule
    .map(({ start, end }): BusinessInterval => [instantAt(day, minutesOfDay(start)), instantAt(day, minutesOfDay(end))])
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
}

// Zone arithmetic is the slow part (routing checks every pool member on every lead), and parsed
// settings are replaced, never changed in place, so each calendar works out a day only once.
const daysByCalendar = new WeakMap<BusinessCalendar, Map<string, readonly BusinessInterval[]>>();

/** The business intervals of the local date of `day` (any time on it), in order, as real instants (so DST days keep their wall-clock hours). */
export function intervalsOfDay(calendar: BusinessCalendar, day: DateTime): readonly BusinessInterval[] {
  const isoDate = day.toISODate() ?? '';
  let days = daysByCalendar.get(calendar);
  if (!days) daysByCalendar.set(calendar, (days = new Map()));
  let intervals = days.get(isoDate);
  if (!intervals) days.set(isoDate, (intervals = computeIntervalsOfDay(calendar, day, isoDate)));
  return intervals;
}

/**
 * The calendar's business intervals that end after `from`, in order, the first clipped to start no
 * earlier than `from`. Endless for any calendar with working hours; throws when two years pass without one.
 */
export function* businessIntervalsFrom(calendar: BusinessCalendar, from: number): Generator<BusinessInterval> {
  let day = DateTime.fromMillis(from, { zone: calendar.timeZone }).startOf('day');
  let idleDays = 0;
  while (idleDays <= MAX_DAYS_SCANNED) {
    let found = false;
    for (const [start, end] of intervalsOfDay(calendar, day)) {
      if (end <= from) continue;
      found = true;
      yield [Math.max(start, from), end];
    }
    idleDays = found ? 0 : idleDays + 1;
    day = day.plus({ days: 1 });
  }
  throw new Error(`No business time within ${MAX_DAYS_SCANNED} days after ${new Date(from).toISOString()} in ${calendar.timeZone}`);
}
