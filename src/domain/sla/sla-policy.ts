import { z } from 'zod';
import { LIMITS } from '../../limits';

export const leadPrioritySchema = z.enum(['high', 'normal', 'low'], { error: 'Choose high, normal or low' });
export type LeadPriority = z.infer<typeof leadPrioritySchema>;

export const breachActionSchema = z.enum(['reassign', 'escalate', 'recycle'], { error: 'Choose reassign, escalate or recycle' });
export type BreachAction = z.infer<typeof breachActionSchema>;

/** First touch within N business hours of the owner's calendar; a reminder part-way; an action on breach. */
export const slaPolicySchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'Use lowercase letters, digits and underscores, starting with a letter').max(64),
  label: z.string().trim().min(1, 'Give it a label').max(80, 'Keep labels to 80 characters'),
  /** Leads this policy covers; a missing condition matches any lead. */
  appliesTo: z.object({
    poolIds: z
      .array(z.string().min(1).max(LIMITS.settings.textChars, `Keep pool ids to ${LIMITS.settings.textChars} characters`))
      .min(1, 'Name at least one pool, or leave pools out to match any')
      .max(LIMITS.settings.pools, `Name at most ${LIMITS.settings.pools} pools`)
      .optional(),
    priority: leadPrioritySchema.optional(),
  }),
  firstTouchWithinHours: z.number({ error: 'Enter a number of hours' }).positive('Allow more than 0 hours').max(24 * 365),
  /** When the reminder goes out, as a share of the window (0.75 = after three quarters of it). */
  reminderAtFraction: z.number().gt(0, 'Use a fraction above 0').lt(1, 'Use a fraction below 1'),
  onBreach: breachActionSchema,
  /** Whether recycling to marketing also clears the contact owner. */
  clearOwnerOnRecycle: z.boolean(),
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

/** A portal's SLA policies in the order they are tried; the first that applies wins. */
export const slaPoliciesSchema = z.array(slaPolicySchema).max(LIMITS.settings.slaPolicies, `At most ${LIMITS.settings.slaPolicies} SLA policies`).superRefine((policies, ctx) => {
  const seen = new Set<string>();
  policies.forEach((policy, i) => {
    if (seen.has(policy.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `The id "${policy.id}" is already used` });
    seen.add(policy.id);
  });
});
