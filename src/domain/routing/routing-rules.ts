import { z } from 'zod';
import { LIMITS } from '../../limits';
import { propertyNameSchema } from '../activities/activity-mapping';
import { ruleIdSchema } from '../scoring/scoring-rules';
import { leadPrioritySchema } from '../sla/sla-policy';

const valueSchema = z.string().trim().min(1, 'Give a value to compare with').max(LIMITS.settings.textChars, `Keep values to ${LIMITS.settings.textChars} characters`);

/** How a value is tested; text comparisons ignore case, ranges read numbers and HubSpot ranges ("50-100", "1000+"). */
export const valueTestSchema = z.discriminatedUnion(
  'op',
  [
    z.object({ op: z.literal('eq'), value: valueSchema }),
    z.object({
      op: z.literal('in'),
      values: z.array(valueSchema).min(1, 'List at least one value').max(LIMITS.settings.valuesPerTest, `List at most ${LIMITS.settings.valuesPerTest} values`),
    }),
    z
      .object({ op: z.literal('range'), min: z.number().optional(), max: z.number().optional() })
      .refine(({ min, max }) => min !== undefined || max !== undefined, 'Give a minimum, a maximum or both')
      .refine(({ min, max }) => min === undefined || max === undefined || min <= max, { message: 'The maximum must not be below the minimum', path: ['max'] }),
    z.object({ op: z.literal('contains'), value: valueSchema }),
    z.object({ op: z.literal('exists') }),
  ],
  { error: 'Choose an operator: eq, in, range, contains or exists' },
);
export type ValueTest = z.infer<typeof valueTestSchema>;

/** What a condition looks at: a contact property (country, numemployees, lead source…), a score, the fit grade or the status. */
export const routingConditionSchema = z.discriminatedUnion(
  'subject',
  [
    z.object({ subject: z.literal('property'), property: propertyNameSchema, test: valueTestSchema }),
    z.object({
      subject: z.literal('score'),
      score: z.enum(['total', 'fit', 'engagement'], { error: 'Choose the score: total, fit or engagement' }),
      test: valueTestSchema,
    }),
    z.object({ subject: z.literal('grade'), test: valueTestSchema }),
    z.object({ subject: z.literal('status'), test: valueTestSchema }),
  ],
  { error: 'Choose what to test: property, score, grade or status' },
);
export type RoutingCondition = z.infer<typeof routingConditionSchema>;

/**
 * Ids the recorded decisions use for routes that are not rules: the company owner, the default pool, a user's
 * reassignment, the SLA, the hold queue and a wait for HubSpot's answers.
 */
export const RESERVED_RULE_IDS = ['company_owner', 'default', 'manual', 'sla', 'hold_queue', 'hubspot_lookup'] as const;

export const routingRuleSchema = z.object({
  id: ruleIdSchema.refine((id) => !(RESERVED_RULE_IDS as readonly string[]).includes(id), `${RESERVED_RULE_IDS.join(', ')} are reserved; choose another id`),
  label: z.string().trim().min(1, 'Give it a label').max(80, 'Keep labels to 80 characters'),
  /** Every condition must hold; a rule without conditions matches every lead. */
  when: z.array(routingConditionSchema).max(LIMITS.settings.conditionsPerRule, `At most ${LIMITS.settings.conditionsPerRule} conditions per rule`),
  poolId: ruleIdSchema,
  /** The priority of leads this rule matches, which picks their SLA policy (normal when no rule says). */
  priority: leadPrioritySchema.optional(),
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;
