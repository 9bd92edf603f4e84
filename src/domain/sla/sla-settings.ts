import { z } from 'zod';
import { businessCalendarSchema } from '../calendar';
import { slaPoliciesSchema } from './sla-policy';

/** First-touch SLA settings: the policies, and each rep's business calendar (or the portal's default one). */
export const slaSettingsSchema = z.object({
  policies: slaPoliciesSchema,
  defaultCalendar: businessCalendarSchema,
  /** Per HubSpot owner id; a rep without one works the default calendar. */
  calendars: z.record(z.string().regex(/^\d+$/, 'An owner id is a number'), businessCalendarSchema).default({}),
});

export type SlaSettings = z.infer<typeof slaSettingsSchema>;
