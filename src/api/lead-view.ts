import type { LiveSettings } from '../domain/portal-settings';
import { evaluate } from '../domain/scoring';
import type { Queryable } from '../store/db';
import { loadLedger } from '../store/lead-store';
import { writeRejectionOf } from '../store/write-rejections';

const DAY = 86_400_000;

export interface LeadView {
  contactId: number;
  score: number;
  fit: number;
  engagement: number;
  grade: string;
  status: string;
  statusSince: string | null;
  reasons: { ruleId: string; label: string; kind: 'engagement' | 'fit'; count: number; points: number }[];
  thresholds: { mql: number; sql: number; minGradeForSql: string };
  next: { label: 'MQL' | 'SQL'; at: number; remaining: number } | null;
  trend: { date: string; score: number }[];
  updatedAt: string | null;
  /** HubSpot's refusal of our last write for this contact (the portal's validation rules), while it stands. */
  writeRejection: { message: string; properties: string[]; at: string } | null;
}

/** What the lead-score card shows: the score now and exactly why, the next threshold, and the last 30 days. */
export async function leadView(db: Queryable, portalId: number, contactId: number, live: LiveSettings, now: Date): Promise<LeadView | undefined> {
  const [row] = await db.query<{ facts: Record<string, string>; status: string; status_since: Date | null; scored_at: Date | null }>(
    'SELECT facts, status, status_since, scored_at FROM contacts WHERE portal_id = $1 AND contact_id = $2',
    [portalId, contactId],
  );
  if (!row) return undefined;
  const { scoring } = live.settings;
  const ledger = await loadLedger(db, portalId, contactId);
  const rejection = await writeRejectionOf(db, portalId, contactId);
  const score = evaluate(scoring, ledger, row.facts, now.getTime());
  const { mql, sql, minGradeForSql } = scoring.thresholds;
  const next =
    row.status === 'sql' || row.status === 'disqualified'
      ? null
      : score.total < mql && row.status !== 'mql'
        ? { label: 'MQL' as const, at: mql, remaining: mql - score.total }
        : { label: 'SQL' as const, at: sql, remaining: Math.max(sql - score.total, 0) };
  const trend = Array.from({ length: 30 }, (_, i) => {
    const at = now.getTime() - (29 - i) * DAY;
    return { date: new Date(at).toISOString().slice(0, 10), score: evaluate(scoring, ledger, row.facts, at).total };
  });
  return {
    contactId,
    score: score.total,
    fit: score.fit,
    engagement: score.engagement,
    grade: score.grade,
    status: row.status,
    statusSince: row.status_since?.toISOString() ?? null,
    reasons: score.contributions.filter((c) => c.points !== 0),
    thresholds: { mql, sql, minGradeForSql },
    next,
    trend,
    updatedAt: row.scored_at?.toISOString() ?? null,
    writeRejection: rejection ? { message: rejection.message, properties: rejection.propertyNames, at: rejection.rejectedAt.toISOString() } : null,
  };
}
