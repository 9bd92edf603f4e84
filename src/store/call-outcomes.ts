import type { Queryable } from './db';

/** One portal's HubSpot call outcomes in one hour, as an instance adds them up between flushes. */
export interface CallHour {
  portalId: number;
  hour: Date;
  ok: number;
  failed: number;
  rateLimited: number;
  lastRateLimitedAt: Date | null;
}

export interface CallOutcomes {
  ok: number;
  failed: number;
  lastRateLimitedAt: Date | null;
}

/** How long hourly outcomes are kept: the success rate reads a day, the last 429 a week. */
export const CALL_HOURS_KEPT_MS = 7 * 24 * 3_600_000;

/** Adds one flush's counts to the portals' hours in one statement, and drops those portals' hours past keeping. */
export async function addCallHours(db: Queryable, hours: readonly CallHour[], now: Date): Promise<void> {
  if (hours.length === 0) return;
  const rows = hours.map((h) => ({ p: h.portalId, h: h.hour.toISOString(), o: h.ok, f: h.failed, r: h.rateLimited, l: h.lastRateLimitedAt?.toISOString() ?? null }));
  await db.query(
    `INSERT INTO hubspot_call_hours (portal_id, hour, ok, failed, rate_limited, last_rate_limited_at)
     SELECT r.p, r.h, r.o, r.f, r.r, r.l FROM jsonb_to_recordset($1::jsonb) AS r(p bigint, h timestamptz, o int, f int, r int, l timestamptz)
     ON CONFLICT (portal_id, hour) DO UPDATE SET ok = hubspot_call_hours.ok + EXCLUDED.ok, failed = hubspot_call_hours.failed + EXCLUDED.failed,
       rate_limited = hubspot_call_hours.rate_limited + EXCLUDED.rate_limited,
       last_rate_limited_at = GREATEST(hubspot_call_hours.last_rate_limited_at, EXCLUDED.last_rate_limited_at)`,
    [JSON.stringify(rows)],
  );
  await db.query('DELETE FROM hubspot_call_hours WHERE portal_id = ANY($1::bigint[]) AND hour < $2', [
    [...new Set(hours.map((h) => h.portalId))],
    new Date(now.getTime() - CALL_HOURS_KEPT_MS),
  ]);
}

/** Each portal's outcomes since `since` (the success rate) and its last 429 in the hours kept. */
export async function callOutcomesOf(db: Queryable, portalIds: readonly number[], since: Date): Promise<Map<number, CallOutcomes>> {
  const rows = await db.query<{ portal_id: number; ok: number; failed: number; last: Date | null }>(
    `SELECT portal_id, (sum(ok) FILTER (WHERE hour >= $2))::int AS ok, (sum(failed) FILTER (WHERE hour >= $2))::int AS failed,
       max(last_rate_limited_at) AS last
     FROM hubspot_call_hours WHERE portal_id = ANY($1::bigint[]) GROUP BY portal_id`,
    [portalIds, since],
  );
  return new Map(rows.map((row) => [row.portal_id, { ok: row.ok ?? 0, failed: row.failed ?? 0, lastRateLimitedAt: row.last }]));
}
