import { z } from 'zod';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const timeOfDaySchema = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Use HH:MM between 00:00 and 24:00');

/** Minutes since local midnight for an 'HH:MM' time of day. */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

const workingIntervalSchema = z
  .object({ start: timeOfDaySchema, end: timeOfDaySchema })
  .refine(({ start, end }) => minutesOfDay(start) < minutesOfDay(end), { message: 'The end must be after the start', path: ['end'] });

const isoDateSchema = z.iso.date('Use an ISO date (YYYY-MM-DD)');
/** A local date (the whole day in the rep's time zone) or an exact instant with its offset. */
const dateOrInstantSchema = z.union([isoDateSchema, z.iso.datetime({ offset: true })], {
  error: 'Use an ISO date (YYYY-MM-DD) or a date-time with offset (e.g. 2025-08-04T13:00:00+02:00)',
});

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const isDateOnly = (value: string): boolean => value.length === 10;

export const outOfOfficeSchema = z
  .object({ from: dateOrInstantSchema, to: dateOrInstantSchema })
  .refine(({ from, to }) => isDateOnly(from) !== isDateOnly(to) || (isDateOnly(from) ? from <= to : Date.parse(from) <= Date.parse(to)), {
    message: 'The end must not be before the start',
    path: ['to'],
  });

/** When a rep can take new leads: their own time zone, weekly hours, days off and an away switch. */
export const repAvailabilitySchema = z.object({
  timeZone: z.string().refine(isValidTimeZone, 'Use an IANA time zone (e.g. "Europe/Berlin")'),
  /** Working intervals per weekday in local wall-clock time; a missing or empty day is not worked. */
  workingHours: z.partialRecord(z.enum(WEEKDAYS, { error: 'Use mon, tue, wed, thu, fri, sat or sun' }), z.array(workingIntervalSchema)),
  /** Local dates the rep does not work. */
  holidays: z.array(isoDateSchema).default([]),
  /** Inclusive local dates, or instants (from inclusive, to exclusive). */
  outOfOffice: z.array(outOfOfficeSchema).default([]),
  away: z.boolean().default(false),
});
export type RepAvailability = z.infer<typeof repAvailabilitySchema>;
