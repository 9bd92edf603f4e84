import { z } from 'zod';
import { LIMITS } from '../../limits';
import { activityMappingSchema, mappedActivityTypes } from '../activities/activity-mapping';
import { engagementRuleSchema, fitRuleSchema, gradeSchema, ruleGroupSchema } from './scoring-rules';

const scoreSchema = z.number({ error: 'Enter a number' }).int('Use a whole number');
const { engagementRules, ruleGroups, fitRules } = LIMITS.settings;
/** Activities a message names when a rule's activity is unknown: enough to spot the typo, never the whole mapping. */
const KNOWN_NAMED = 10;

function knownActivities(activities: ReadonlySet<string>): string {
  const named = [...activities].slice(0, KNOWN_NAMED).join(', ');
  return activities.size > KNOWN_NAMED ? `${named} and ${activities.size - KNOWN_NAMED} more` : named;
}

/** A portal's scoring model: engagement and fit rules, caps, decay, grade bands, thresholds and the activity mapping. */
export const scoringModelSchema = z
  .object({
    engagementRules: z.array(engagementRuleSchema).max(engagementRules, `At most ${engagementRules} engagement rules`),
    groups: z.array(ruleGroupSchema).max(ruleGroups, `At most ${ruleGroups} rule groups`),
    /** The most engagement points a contact can have (after decay). */
    engagementCap: scoreSchema.min(1, 'The engagement cap must be at least 1').optional(),
    fitRules: z.array(fitRuleSchema).max(fitRules, `At most ${fitRules} fit rules`),
    /** The lowest fit score for each grade; below C is D. */
    fitGrades: z.object({ A: scoreSchema, B: scoreSchema, C: scoreSchema }),
    thresholds: z.object({
      mql: scoreSchema.min(1, 'The MQL threshold must be at least 1'),
      sql: scoreSchema,
      minGradeForSql: gradeSchema,
    }),
    mapping: activityMappingSchema,
  })
  .superRefine((model, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

    const ruleIds = new Map<string, string>();
    const claimId = (id: string, path: (string | number)[]) => {
      const owner = ruleIds.get(id);
      if (owner) issue([...path, 'id'], `The id "${id}" is already used by ${owner}`);
      else ruleIds.set(id, path.join('.'));
    };
    model.engagementRules.forEach((rule, i) => claimId(rule.id, ['engagementRules', i]));
    model.fitRules.forEach((rule, i) => claimId(rule.id, ['fitRules', i]));

    const groupIds = new Set<string>();
    model.groups.forEach((group, i) => {
      if (groupIds.has(group.id)) issue(['groups', i, 'id'], `The group id "${group.id}" is already used`);
      groupIds.add(group.id);
    });

    const activities = new Set(mappedActivityTypes(model.mapping));
    const known = knownActivities(activities);
    model.engagementRules.forEach((rule, i) => {
      if (rule.group !== undefined && !groupIds.has(rule.group)) {
        issue(['engagementRules', i, 'group'], `There is no group "${rule.group}"`);
      }
      if (!activities.has(rule.activity)) {
        issue(['engagementRules', i, 'activity'], `No activity mapping produces "${rule.activity}" (known: ${known})`);
      }
    });

    model.fitRules.forEach((rule, i) => {
      if (rule.op !== 'range') return;
      if (rule.min === undefined && rule.max === undefined) issue(['fitRules', i, 'min'], 'Give a minimum, a maximum or both');
      else if (rule.min !== undefined && rule.max !== undefined && rule.min > rule.max) {
        issue(['fitRules', i, 'max'], `The maximum (${rule.max}) must not be below the minimum (${rule.min})`);
      }
    });

    const { A, B, C } = model.fitGrades;
    if (B >= A) issue(['fitGrades', 'B'], `Grade B (${B}) must start below grade A (${A})`);
    if (C >= B) issue(['fitGrades', 'C'], `Grade C (${C}) must start below grade B (${B})`);

    const { mql, sql } = model.thresholds;
    if (sql < mql) issue(['thresholds', 'sql'], `The SQL threshold (${sql}) must not be below the MQL threshold (${mql})`);
  });

export type ScoringModel = z.infer<typeof scoringModelSchema>;
