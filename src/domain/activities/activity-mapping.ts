import { z } from 'zod';
import { LIMITS } from '../../limits';
import { checkTextPattern, textConditionShape } from '../text-match';

const { textChars } = LIMITS.settings;
const NAME_TOO_LONG = `Keep names to ${textChars} characters`;

const NAME = /^[a-z][a-z0-9_]*$/;

export const activityTypeSchema = z
  .string()
  .max(textChars, NAME_TOO_LONG)
  .regex(NAME, 'Use lowercase letters, digits and underscores, starting with a letter (e.g. "pricing_page_view")');

export const propertyNameSchema = z
  .string()
  .max(textChars, NAME_TOO_LONG)
  .regex(NAME, 'Use the property\u2019s internal name: lowercase letters, digits and underscores (e.g. "numemployees")');

const detailFieldSchema = z
  .string()
  .max(textChars, NAME_TOO_LONG)
  .regex(/^[a-z][a-zA-Z0-9_]*$/, 'Use letters, digits and underscores, starting with a lowercase letter (e.g. "form")');

/** A counter property (e.g. page views): each increase by k yields k activities keyed by ordinal. */
const counterMappingSchema = z.object({
  property: propertyNameSchema,
  activity: activityTypeSchema,
  /** Property holding when the counter last moved, used to date backfilled activities. */
  timeProperty: propertyNameSchema.optional(),
  /** At most this many activities from one change (the most recent ordinals), so a large jump stays bounded. */
  maxPerChange: z.number().int().min(1, 'Allow at least 1 activity per change').max(1000, 'At most 1000 activities per change'),
});

/**
 * A property whose new value is an activity. Every matching rule yields one.
 * keyBy: `event` — each change is its own activity; `value` — the same value is the same activity
 * (e.g. opt-out); `valueAt` — the same value at the same time is the same activity, so a form
 * submitted twice is two submissions (the time is the change's, or the time property's on backfill);
 * `timestamp` — the value is a date identifying the activity, which is also when it happened (e.g.
 * last email open date); `counterStep` — each step of `counter` taken while the property's value matches is
 * one activity, keyed by the counter's value at that step (e.g. a pricing visit is a page view whose last
 * page seen is a pricing page, so a repeat visit to the same page counts although the page did not change).
 */
const propertyMappingSchema = z.object({
  property: propertyNameSchema,
  activity: activityTypeSchema,
  when: z.object(textConditionShape).superRefine(checkTextPattern).optional(),
  /** The detail field that carries the property's value (e.g. "form", "url"). */
  detailField: detailFieldSchema,
  keyBy: z.enum(['event', 'value', 'valueAt', 'timestamp', 'counterStep'], { error: 'Choose event, value, valueAt, timestamp or counterStep' }),
  /** With keyBy `counterStep`: the counter property whose steps are the activities (e.g. hs_analytics_num_page_views). */
  counter: propertyNameSchema.optional(),
  /** Property holding when it happened, used to date backfilled activities. */
  timeProperty: propertyNameSchema.optional(),
});

/** An engagement (call, email, meeting, note, task) on the contact; the first matching rule per engagement wins. */
const engagementMappingSchema = z.object({
  objectType: z.enum(['calls', 'emails', 'meetings', 'notes', 'tasks'], {
    error: 'Choose calls, emails, meetings, notes or tasks',
  }),
  activity: activityTypeSchema,
  when: z
    .object({ property: z.string().min(1, 'Name the engagement property to compare').max(textChars, NAME_TOO_LONG), ...textConditionShape })
    .superRefine(checkTextPattern)
    .optional(),
  /** Detail field → engagement property copied into the activity. */
  detail: z
    .record(detailFieldSchema, z.string().min(1, 'Name the engagement property to copy').max(textChars, NAME_TOO_LONG))
    .refine((detail) => Object.keys(detail).length <= LIMITS.settings.detailFieldsPerEngagement, `At most ${LIMITS.settings.detailFieldsPerEngagement} detail fields per engagement mapping`),
});

export const activityMappingSchema = z
  .object({
    creation: z.object({
      activity: activityTypeSchema,
      sourceProperty: propertyNameSchema,
      timeProperty: propertyNameSchema,
    }),
    counters: z.array(counterMappingSchema).max(LIMITS.settings.counterMappings, `At most ${LIMITS.settings.counterMappings} counter mappings`),
    properties: z.array(propertyMappingSchema).max(LIMITS.settings.propertyMappings, `At most ${LIMITS.settings.propertyMappings} property mappings`),
    engagements: z.array(engagementMappingSchema).max(LIMITS.settings.engagementMappings, `At most ${LIMITS.settings.engagementMappings} engagement mappings`),
  })
  .superRefine((mapping, ctx) => {
    const seen = new Set<string>();
    mapping.counters.forEach((counter, index) => {
      if (seen.has(counter.property)) {
        ctx.addIssue({ code: 'custom', path: ['counters', index, 'property'], message: `"${counter.property}" is already mapped as a counter` });
      }
      seen.add(counter.property);
    });
    mapping.properties.forEach((rule, index) => {
      if (rule.keyBy === 'counterStep' && rule.counter === undefined) {
        ctx.addIssue({ code: 'custom', path: ['properties', index, 'counter'], message: 'Name the counter property whose steps this rule counts (keyBy counterStep)' });
      }
    });
  });

export type ActivityMapping = z.infer<typeof activityMappingSchema>;
export type CounterMapping = ActivityMapping['counters'][number];
export type PropertyMapping = ActivityMapping['properties'][number];
export type EngagementMapping = ActivityMapping['engagements'][number];

/** Every activity type the mapping can produce. */
export function mappedActivityTypes(mapping: ActivityMapping): string[] {
  return [
    mapping.creation.activity,
    ...mapping.counters.map((c) => c.activity),
    ...mapping.properties.map((p) => p.activity),
    ...mapping.engagements.map((e) => e.activity),
  ];
}
