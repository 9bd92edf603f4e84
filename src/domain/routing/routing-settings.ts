import { z } from 'zod';
import { LIMITS } from '../../limits';
import { ruleIdSchema } from '../scoring/scoring-rules';
import { repAvailabilitySchema } from './rep-availability';
import { routingRuleSchema } from './routing-rules';

const S = LIMITS.settings;
const ownerIdSchema = z.string().max(S.textChars, `Keep owner ids to ${S.textChars} characters`).regex(/^\d+$/, 'Use the HubSpot owner id (digits)');

export const poolMemberSchema = z.object({
  ownerId: ownerIdSchema,
  /** Relative share under the weighted strategy; ignored by the others. */
  weight: z.number().int('The weight is a whole number').min(1, 'The weight must be at least 1').max(1000, 'The weight must be at most 1000').default(1),
  caps: z
    .object({
      /** New leads per day (the caller resets `assignedToday` at the rep's midnight). */
      perDay: z.number().int('The daily cap is a whole number').min(1, 'A daily cap allows at least 1 lead').optional(),
      /** Open leads at once. */
      open: z.number().int('The open cap is a whole number').min(1, 'An open cap allows at least 1 lead').optional(),
    })
    .default({}),
});
export type PoolMember = z.infer<typeof poolMemberSchema>;

export const routingStrategySchema = z.enum(['round_robin', 'weighted', 'least_loaded'], {
  error: 'Choose a strategy: round_robin, weighted or least_loaded',
});
export type RoutingStrategy = z.infer<typeof routingStrategySchema>;

export const poolSchema = z.object({
  id: ruleIdSchema,
  label: z.string().trim().min(1, 'Give it a label').max(80, 'Keep labels to 80 characters'),
  strategy: routingStrategySchema,
  members: z.array(poolMemberSchema).min(1, 'A pool needs at least one member').max(S.membersPerPool, `At most ${S.membersPerPool} members per pool`),
  /** Alerted when a lead for this pool is held because nobody can take it. */
  managerOwnerId: ownerIdSchema,
});
export type Pool = z.infer<typeof poolSchema>;

const repsRecordSchema = z.record(ownerIdSchema, repAvailabilitySchema);
/** Reps counted before each is checked, so an oversized record costs one issue rather than one per entry. */
const repsSchema = z
  .custom<z.input<typeof repsRecordSchema>>((reps) => typeof reps !== 'object' || reps === null || Object.keys(reps).length <= S.reps, `At most ${S.reps} reps`)
  .pipe(repsRecordSchema);

function addDuplicateIssues(values: string[], ctx: z.RefinementCtx, path: (index: number) => PropertyKey[], what: string): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: path(index), message: `${what} "${value}" is listed twice` });
    seen.add(value);
  });
}

/** Where sales-ready leads go: company owner first (optional), then the first matching rule's pool, else the default pool. */
export const routingSettingsSchema = z
  .object({
    /** Give the lead to the owner of its company when that owner is available; otherwise fall through to the rules. */
    useCompanyOwner: z.boolean().default(true),
    rules: z.array(routingRuleSchema).max(S.routingRules, `At most ${S.routingRules} routing rules`),
    defaultPool: ruleIdSchema,
    pools: z.array(poolSchema).min(1, 'Create at least one pool').max(S.pools, `At most ${S.pools} pools`),
    /** Overrides of reps' availability and calendar per HubSpot owner id; a rep without one follows HubSpot, else the default calendar. */
    reps: repsSchema,
  })
  .superRefine((settings, ctx) => {
    const poolIds = new Set(settings.pools.map((pool) => pool.id));
    addDuplicateIssues(settings.pools.map((pool) => pool.id), ctx, (i) => ['pools', i, 'id'], 'Pool');
    addDuplicateIssues(settings.rules.map((rule) => rule.id), ctx, (i) => ['rules', i, 'id'], 'Rule');
    settings.rules.forEach((rule, i) => {
      if (!poolIds.has(rule.poolId)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'poolId'], message: `There is no pool "${rule.poolId}"` });
    });
    if (!poolIds.has(settings.defaultPool)) {
      ctx.addIssue({ code: 'custom', path: ['defaultPool'], message: `There is no pool "${settings.defaultPool}"` });
    }
    settings.pools.forEach((pool, p) => {
      addDuplicateIssues(pool.members.map((member) => member.ownerId), ctx, (m) => ['pools', p, 'members', m, 'ownerId'], 'Owner');
    });
  });
export type RoutingSettings = z.infer<typeof routingSettingsSchema>;
/** Settings as an admin writes them, before defaults are filled in. */
export type RoutingSettingsInput = z.input<typeof routingSettingsSchema>;
