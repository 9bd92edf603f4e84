import { z } from 'zod';
import { LIMITS } from '../../limits';
import { isTimeZone } from './is-time-zone';
import { checkHolidayRegion } from './public-holidays';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const timeOfDaySchema = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Use HH:MM between 00:00 and 24:00');

/** Minutes since local midnight for an 'HH:MM' time of day. */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

export const workingIntervalSchema = z
  .object({ start: timeOfDaySchema, end: timeOfDaySchema })
  .refine(({ start, end }) => minutesOfDay(start) < minutesOfDay(end), { message: 'The end must be after the start', path: ['end'] });
export type WorkingInterval = z.infer<typeof workingIntervalSchema>;

const { calendarDays, intervalsPerDay, textChars } = LIMITS.settings;

const dayScheduleSchema = z
  .array(workingIntervalSchema)
  .max(intervalsPerDay, `At most ${intervalsPerDay} working intervals per day`)
  .superRefine((intervals, ctx) => {
    const sorted = intervals.map((interval, index) => ({ ...interval, index })).sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start));
    sorted.slice(1).forEach((interval, i) => {
      const previous = sorted[i];
      if (previous && minutesOfDay(interval.start) < minutesOfDay(previous.end)) {
        ctx.addIssue({ code: 'custom', path: [interval.index, 'start'], message: `Overlaps ${previous.start}–${previous.end}` });
      }
    });
  })
  .optional();

const isoDateSchema = z.iso.date('Use an ISO date (YYYY-MM-DD)');
const daysSchema = z.array(isoDateSchema).max(calendarDays, `List at most ${calendarDays} days`);

/** A rep's business calendar: working hours in their own time zone, minus public holidays and days off. */
export const businessCalendarSchema = z
  .object({
    timeZone: z.string().max(textChars, `Keep time zones to ${textChars} characters`).refine(isTimeZone, 'Use an IANA time zone (e.g. "America/New_York")'),
    /** Working intervals per weekday in local wall-clock time; a missing or empty day is not worked. */
    workingHours: z.object(Object.fromEntries(WEEKDAYS.map((day) => [day, dayScheduleSchema])) as Record<Weekday, typeof dayScheduleSchema>),
    holidays: z.object({
      /** ISO 3166 country whose public holidays are days off. */
      country: z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter country code (e.g. "US")').optional(),
      /** A state or province of that country (e.g. "CA", "BY") adding its own public holidays. */
      region: z.string().min(1).max(textChars, `Keep regions to ${textChars} characters`).optional(),
      /** More days off (local dates). */
      extra: daysSchema.optional(),
      /** Public holidays the rep works anyway (local dates). */
      ignore: daysSchema.optional(),
    }),
  })
  .superRefine((calendar, ctx) => {
    if (WEEKDAYS.every((day) => (calendar.workingHours[day] ?? []).length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['workingHours'], message: 'Give working hours for at least one day' });
    }
    const { country, region } = calendar.holidays;
    const problem = checkHolidayRegion(country, region);
    if (problem) ctx.addIssue({ code: 'custom', path: ['holidays', problem.field], message: problem.message });
  });

export type BusinessCalendar = z.infer<typeof businessCalendarSchema>;
