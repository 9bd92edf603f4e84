import { z } from 'zod';
import { LIMITS } from '../limits';

/**
 * Who may publish and roll back settings besides the user who installed the app and the portal's super admins
 * (they always may, so an admin who removes everyone here, themselves included, locks nobody out).
 */
export const accessSettingsSchema = z.object({
  /** HubSpot user ids. */
  editors: z
    .array(z.number().int().positive())
    .max(LIMITS.settings.editors)
    .refine((editors) => new Set(editors).size === editors.length, { message: 'List each user once' }),
});

export type AccessSettings = z.infer<typeof accessSettingsSchema>;
