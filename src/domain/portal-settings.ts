import { z } from 'zod';
import { accessSettingsSchema } from './access-settings';
import { routingSettingsSchema } from './routing';
import { DEFAULT_SCORING_MODEL, scoringModelSchema } from './scoring';
import { slaSettingsSchema } from './sla';
import { DEFAULT_WRITE_BACK, writeBackSettingsSchema } from './write-back/write-back-settings';

/** Everything an admin configures for a portal, versioned as one document. */
export const portalSettingsSchema = z.object({
  scoring: scoringModelSchema,
  writeBack: writeBackSettingsSchema,
  /** Who gets a lead when it becomes sales-ready; without it, leads are scored but not routed. */
  routing: routingSettingsSchema.optional(),
  /** First-touch SLA for routed leads; without it, no clock runs. */
  sla: slaSettingsSchema.optional(),
  /** Who besides the installer and super admins may publish; without it, only they may. */
  access: accessSettingsSchema.optional(),
});

export type PortalSettings = z.infer<typeof portalSettingsSchema>;

export const DEFAULT_PORTAL_SETTINGS: PortalSettings = { scoring: DEFAULT_SCORING_MODEL, writeBack: DEFAULT_WRITE_BACK };

/** The settings in force, and their version (0: the defaults, never edited). */
export interface LiveSettings {
  version: number;
  settings: PortalSettings;
  /** The portal's lifecycle stage values in its own order, as last read from HubSpot (undefined before the first read). */
  lifecycleStages?: readonly string[];
}
