import { z } from 'zod';
import { LIMITS } from '../../limits';

const { textChars, lifecycleStages } = LIMITS.settings;
const valueSchema = z.string().min(1).max(textChars, `Keep values to ${textChars} characters`);

const LEAD_STATUSES = ['new', 'mql', 'sql', 'cooling', 'recycled', 'disqualified'] as const;

/** What the app writes to HubSpot besides its own `lm_*` properties; both off unless an admin turns them on. */
export const writeBackSettingsSchema = z.object({
  lifecycleStage: z
    .object({
      enabled: z.boolean(),
      /** The portal's lifecycle stage values for MQL and SQL (portals can rename or add stages). */
      mqlStage: valueSchema,
      sqlStage: valueSchema,
      /** The portal's stages in funnel order; a contact is only ever moved forward along it. */
      order: z.array(valueSchema).min(2).max(lifecycleStages, `List at most ${lifecycleStages} stages`),
    })
    .refine((stage) => stage.order.includes(stage.mqlStage) && stage.order.includes(stage.sqlStage), {
      message: 'the MQL and SQL stages must be in the stage order',
      path: ['order'],
    }),
  leadStatus: z.object({
    enabled: z.boolean(),
    /** hs_lead_status value per qualification status; statuses without one leave hs_lead_status alone. */
    values: z.partialRecord(z.enum(LEAD_STATUSES), valueSchema),
  }),
});

export type WriteBackSettings = z.infer<typeof writeBackSettingsSchema>;

export const DEFAULT_WRITE_BACK: WriteBackSettings = {
  lifecycleStage: {
    enabled: false,
    mqlStage: 'marketingqualifiedlead',
    sqlStage: 'salesqualifiedlead',
    order: ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist'],
  },
  leadStatus: { enabled: false, values: { sql: 'OPEN', recycled: 'UNQUALIFIED', disqualified: 'UNQUALIFIED' } },
};
