import { z } from 'zod';
import { LIMITS } from '../../limits';
import { activityTypeSchema, propertyNameSchema } from '../activities/activity-mapping';
import { checkTextPattern, textConditionShape } from '../text-match';

export const ruleIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'Use lowercase letters, digits and underscores, starting with a letter (e.g. "pricing_page")')
  .max(64, 'Keep ids to 64 characters');

const labelSchema = z.string().trim().min(1, 'Give it a label').max(80, 'Keep labels to 80 characters');

const pointsSchema = z
  .number({ error: 'Points must be a number' })
  .int('Points must be a whole number')
  .min(-1000, 'Points must be between -1000 and 1000')
  .max(1000, 'Points must be between -1000 and 1000');

/** Calendar periods in UTC; weeks start on Monday. */
export const capPeriodSchema = z.enum(['day', 'week', 'month', 'ever'], { error: 'Choose day, week, month or ever' });
export type CapPeriod = z.infer<typeof capPeriodSchema>;

export const engagementRuleSchema = z.object({
  id: ruleIdSchema,
  label: labelSchema,
  activity: activityTypeSchema,
  /** Only activities whose detail field passes this test (e.g. form contains "webinar"). */
  when: z
    .object({
      field: z
        .string()
        .min(1, 'Name the activity detail field to compare (e.g. "form")')
        .max(LIMITS.settings.textChars, `Keep names to ${LIMITS.settings.textChars} characters`),
      ...textConditionShape,
    })
    .superRefine(checkTextPattern)
    .optional(),
  points: pointsSchema,
  group: ruleIdSchema.optional(),
  /** At most `max` activities count per period; later ones in the same period earn nothing. */
  cap: z
    .object({
      max: z.number().int('The cap is a whole number of times').min(1, 'A cap allows at least 1 time'),
      per: capPeriodSchema,
    })
    .optional(),
});
export type EngagementRule = z.infer<typeof engagementRuleSchema>;

export const groupDecaySchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('half_life'),
      days: z.number().positive('The half-life must be more than 0 days').max(3650, 'The half-life must be at most 3650 days'),
    }),
    z.object({
      kind: z.literal('linear'),
      percent: z.number().gt(0, 'Decay by more than 0%').max(100, 'Decay by at most 100%'),
      everyDays: z.number().int('The decay period is a whole number of days').min(1, 'The decay period must be at least 1 day').max(3650, 'The decay period must be at most 3650 days'),
    }),
  ],
  { error: 'Choose a decay kind: half_life or linear' },
);
export type GroupDecay = z.infer<typeof groupDecaySchema>;

export const ruleGroupSchema = z.object({
  id: ruleIdSchema,
  label: labelSchema,
  /** At most `maxPoints` positive points per period from the group's rules together. */
  cap: z
    .object({
      maxPoints: z.number().int('The cap is a whole number of points').min(1, 'A group cap allows at least 1 point'),
      per: capPeriodSchema,
    })
    .optional(),
  decay: groupDecaySchema.optional(),
});
export type RuleGroup = z.infer<typeof ruleGroupSchema>;

const fitBase = { id: ruleIdSchema, label: labelSchema, property: propertyNameSchema, points: pointsSchema };
const valueSchema = z.string().trim().min(1, 'Give a value to compare with').max(LIMITS.settings.textChars, `Keep values to ${LIMITS.settings.textChars} characters`);
const valuesSchema = z.array(valueSchema).min(1, 'List at least one value').max(LIMITS.settings.valuesPerTest, `List at most ${LIMITS.settings.valuesPerTest} values`);

export const fitRuleSchema = z.discriminatedUnion(
  'op',
  [
    z.object({ ...fitBase, op: z.literal('eq'), value: valueSchema }),
    z.object({ ...fitBase, op: z.literal('in'), values: valuesSchema }),
    /** Numbers or HubSpot ranges ("50-100", "1000+"); the contact's value must lie within [min, max]. */
    z.object({ ...fitBase, op: z.literal('range'), min: z.number().optional(), max: z.number().optional() }),
    z.object({ ...fitBase, op: z.literal('contains'), value: valueSchema }),
    z.object({ ...fitBase, op: z.literal('exists') }),
  ],
  { error: 'Choose an operator: eq, in, range, contains or exists' },
);
export type FitRule = z.infer<typeof fitRuleSchema>;

export const gradeSchema = z.enum(['A', 'B', 'C', 'D'], { error: 'Choose a grade: A, B, C or D' });
export type Grade = z.infer<typeof gradeSchema>;
