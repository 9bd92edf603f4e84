import { z } from 'zod';

const STATUSES = ['new', 'mql', 'sql', 'cooling', 'recycled', 'disqualified'] as const;
const GRADES = ['A', 'B', 'C', 'D'] as const;
const statusCounts = z.record(z.enum(STATUSES), z.number().int().min(0));

/** What the extension APIs promise the cards; every response is checked against these before it is sent. */
export const leadResponse = z.object({
  lead: z.object({
    contactId: z.number().int().positive(),
    score: z.number(),
    fit: z.number(),
    engagement: z.number(),
    grade: z.enum(GRADES),
    status: z.enum(STATUSES),
    statusSince: z.string().nullable(),
    reasons: z.array(z.object({ ruleId: z.string(), label: z.string(), kind: z.enum(['engagement', 'fit']), count: z.number(), points: z.number() })),
    thresholds: z.object({ mql: z.number(), sql: z.number(), minGradeForSql: z.enum(GRADES) }),
    next: z.object({ label: z.enum(['MQL', 'SQL']), at: z.number(), remaining: z.number() }).nullable(),
    trend: z.array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), score: z.number() })).max(31),
    updatedAt: z.string().nullable(),
    writeRejection: z.object({ message: z.string(), properties: z.array(z.string()), at: z.string().datetime() }).nullable(),
  }),
});

export const previewResponse = z.object({
  contacts: z.number().int().min(0),
  changedStatus: z.number().int().min(0),
  before: statusCounts,
  after: statusCounts,
  bands: z.array(z.object({ band: z.string(), contacts: z.number().int(), convertedBefore: z.number().int(), convertedAfter: z.number().int() })),
});

export const homeReportResponse = z.object({
  funnel: z.array(
    z.object({ source: z.string(), month: z.string().regex(/^\d{4}-\d{2}$/), captured: z.number(), mql: z.number(), sql: z.number(), opportunity: z.number(), won: z.number() }),
  ),
  medianDaysToMql: z.number().nullable(),
  medianDaysToSql: z.number().nullable(),
  calibration: z.array(z.object({ band: z.string(), contacts: z.number(), converted: z.number(), rate: z.number().min(0).max(1) })),
});

/** Whether the caller may publish and roll back settings (the page is read-only otherwise), and why not. */
export const settingsAccessResponse = z.discriminatedUnion('canPublish', [
  z.object({ canPublish: z.literal(true), as: z.enum(['installer', 'editor', 'super_admin']) }),
  z.object({ canPublish: z.literal(false), reason: z.string().min(1) }),
]);
export type SettingsAccessView = z.infer<typeof settingsAccessResponse>;

export const rescoreResponse = z.object({ state: z.enum(['idle', 'running', 'done']), done: z.number().int(), total: z.number().int() });
export const versionResponse = z.object({ version: z.number().int().positive() });

const slaCounts = {
  met: z.number().int().min(0),
  breached: z.number().int().min(0),
  open: z.number().int().min(0),
  reassigned: z.number().int().min(0),
  metRate: z.number().min(0).max(1).nullable(),
};
export const routingReportResponse = z.object({
  period: z.object({ days: z.number().int().positive(), since: z.string().datetime() }),
  sla: z.array(z.object({ ownerId: z.string(), ownerName: z.string(), poolId: z.string().nullable(), poolLabel: z.string().nullable(), ...slaCounts })),
  pools: z.array(z.object({ poolId: z.string().nullable(), poolLabel: z.string().nullable(), ...slaCounts })),
  totals: z.object(slaCounts),
  medianHoursToFirstTouch: z.number().nullable(),
  medianBusinessHoursToFirstTouch: z.number().nullable(),
  distribution: z.array(
    z.object({
      poolId: z.string(),
      poolLabel: z.string(),
      ownerId: z.string(),
      ownerName: z.string(),
      assigned: z.number().int().min(0),
      actualShare: z.number().min(0).max(1),
      targetShare: z.number().min(0).max(1),
    }),
  ),
});
