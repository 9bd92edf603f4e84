import { z } from 'zod';
import { LIMITS } from '../../limits';
import { businessCalendarSchema } from '../calendar';

const isoDateSchema = z.iso.date('Use an ISO date (YYYY-MM-DD)');
/** A local date (the whole day in the rep's time zone) or an exact instant with its offset. */
const dateOrInstantSchema = z.union([isoDateSchema, z.iso.datetime({ offset: true })], {
  error: 'Use an ISO date (YYYY-MM-DD) or a date-time with offset (e.g. 2025-08-04T13:00:00+02:00)',
});

export const isDateOnly = (value: string): boolean => value.length === 10;

export const outOfOfficeSchema = z
  .object({ from: dateOrInstantSchema, to: dateOrInstantSchema })
  .refine(({ from, to }) => isDateOnly(from) !== isDateOnly(to) || (isDateOnly(from) ? from <= to : Date.parse(from) <= Date.parse(to)), {
    message: 'The end must not be before the start',
    path: ['to'],
  });

/** When a rep can take new leads: their business calendar (the one their SLA clock runs in too), time out of office and an away switch. */
export const repAvailabilitySchema = z.object({
  calendar: businessCalendarSchema,
  /** Inclusive local dates in the calendar's time zone, or instants (from inclusive, to exclusive). */
  outOfOffice: z
    .array(outOfOfficeSchema)
    .max(LIMITS.settings.outOfOfficePeriods, `At most ${LIMITS.settings.outOfOfficePeriods} out-of-office periods`)
    .default([]),
  away: z.boolean().default(false),
});
export type RepAvailability = z.infer<typeof repAvailabilitySchema>;
