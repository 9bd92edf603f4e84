import { z } from 'zod';

const ownerId = z.string().regex(/^\d+$/);
const count = z.number().int().min(0);

/** The portal's HubSpot owners, for choosing pool members, managers and reps, and (by their users) editors on the settings page. */
export const ownersResponse = z.object({
  owners: z.array(
    z.object({ ownerId, userId: z.number().int().positive().nullable(), name: z.string(), email: z.string().nullable(), archived: z.boolean() }),
  ),
});

/** Where the latest sales-ready leads went, and where a draft's routing would send them at `evaluatedAt`. */
export const routingPreviewResponse = z.object({
  evaluatedAt: z.iso.datetime({ offset: true }),
  leads: z.array(
    z.object({
      contactId: z.number().int().positive(),
      salesReadyAt: z.iso.datetime({ offset: true }),
      /** The latest stored routing decision; null when the lead was never routed. */
      actual: z.object({ kind: z.enum(['assigned', 'held', 'released']), ownerId: ownerId.nullable(), poolId: z.string().nullable() }).nullable(),
      preview: z.object({
        kind: z.enum(['assigned', 'held']),
        ownerId: ownerId.nullable(),
        /** Null when the company owner would take the lead. */
        poolId: z.string().nullable(),
        ruleId: z.string(),
        reason: z.string(),
      }),
    }),
  ),
  /** Leads per owner among those listed: actually assigned, and under the draft. */
  perOwner: z.array(z.object({ ownerId, name: z.string(), actual: count, preview: count })),
  /** Leads the draft would hold (nobody in the pool could take them at `evaluatedAt`). */
  held: count,
  /** Leads whose outcome under the draft (owner, or held) differs from the stored one. */
  changed: count,
});
export type RoutingPreviewView = z.infer<typeof routingPreviewResponse>;
