import { z } from 'zod';
import { businessCalendarSchema } from '../calendar';
import { slaPoliciesSchema } from './sla-policy';

/** First-touch SLA settings: the policies, and the calendar of reps without one under routing. */
export const slaSettingsSchema = z.object({
  policies: slaPoliciesSchema,
  defaultCalendar: businessCalendarSchema,
});

export type SlaSettings = z.infer<typeof slaSettingsSchema>;
