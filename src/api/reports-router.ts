import { Router } from 'express';
import { withRepAvailability } from '../leads/effective-settings';
import { z } from 'zod';
import { homeReport, type ReportLead } from '../domain/reports/home-report';
import { repCalendar } from '../domain/sla';
import type { Db } from '../store/db';
import { routingReport, type ReportedClock } from '../domain/reports/routing-report';
import { listOwners } from '../store/owners';
import type { SettingsStore } from '../store/settings-store';
import { homeReportResponse, routingReportResponse } from './api-responses';
import { callerOf, sendJson } from './hubspot-fetch-auth';

const query = z.object({ months: z.coerce.number().int().min(1).max(24).default(6) });
const routingQuery = z.object({ days: z.enum(['30', '90', '365']).default('90').transform(Number) });
const DAY = 86_400_000;

/** The home page's report, computed from what the app stored for the caller's portal only. */
export function reportsRouter(deps: { db: Db; settings: SettingsStore; now: () => Date }): Router {
  const router = Router();
  router.get('/api/reports/home', async (req, res) => {
    const parsed = query.safeParse(req.query);
    if (!parsed.success) return sendJson(res, { error: 'months must be 1 to 24' }, 400);
    const { portalId } = callerOf(res);
    const rows = await deps.db.query<{
      facts: Record<string, string>;
      score: number;
      captured_at: Date | null;
      created_at: Date;
      first_mql: Date | null;
      first_sql: Date | null;
    }>(
      `SELECT c.facts, c.score, c.created_at,
         (SELECT min(a.occurred_at) FROM activities a WHERE a.portal_id = c.portal_id AND a.contact_id = c.contact_id) AS captured_at,
         (SELECT min(t.at) FROM status_transitions t WHERE t.portal_id = c.portal_id AND t.contact_id = c.contact_id AND t.to_status = 'mql') AS first_mql,
         (SELECT min(t.at) FROM status_transitions t WHERE t.portal_id = c.portal_id AND t.contact_id = c.contact_id AND t.to_status = 'sql') AS first_sql
       FROM contacts c WHERE c.portal_id = $1`,
      [portalId],
    );
    const leads: ReportLead[] = rows.map((row) => ({
      source: row.facts.hs_analytics_source ?? 'UNKNOWN',
      capturedAt: (row.captured_at ?? row.created_at).getTime(),
      score: row.score,
      lifecycleStage: row.facts.lifecyclestage,
      firstMqlAt: row.first_mql?.getTime(),
      firstSqlAt: row.first_sql?.getTime(),
    }));
    const since = new Date(deps.now());
    since.setUTCMonth(since.getUTCMonth() - parsed.data.months + 1, 1);
    since.setUTCHours(0, 0, 0, 0);
    sendJson(res, homeReport(leads, since.getTime()), 200, homeReportResponse);
  });
  router.get('/api/reports/routing', async (req, res) => {
    const parsed = routingQuery.safeParse(req.query);
    if (!parsed.success) return sendJson(res, { error: 'days must be 30, 90 or 365' }, 400);
    const { portalId } = callerOf(res);
    const { days } = parsed.data;
    const since = deps.now().getTime() - days * DAY;
    // A clock row is written when its lead is assigned, so updated_at >= since keeps every clock assigned since then; the report decides.
    const clocks = await deps.db.query<{ owner_id: string; pool_id: string | null; clock: ReportedClock }>(
      'SELECT owner_id, pool_id, clock FROM sla_clocks WHERE portal_id = $1 AND updated_at >= $2',
      [portalId, new Date(since)],
    );
    const assignments = await deps.db.query<{ owner_id: string; pool_id: string | null; decided_at: Date }>(
      `SELECT owner_id, pool_id, decided_at FROM assignments WHERE portal_id = $1 AND kind = 'assigned' AND decided_at >= $2`,
      [portalId, new Date(since)],
    );
    const owners = await listOwners(deps.db, portalId);
    const live = await withRepAvailability(deps.db, portalId, await deps.settings.live(portalId));
    const report = routingReport({
      clocks: clocks.map((row) => ({ ownerId: row.owner_id, poolId: row.pool_id, clock: row.clock })),
      assignments: assignments.map((row) => ({ ownerId: row.owner_id, poolId: row.pool_id, decidedAt: row.decided_at.getTime() })),
      pools: live.settings.routing?.pools ?? [],
      ownerNames: new Map(owners.map((owner) => [owner.ownerId, owner.name])),
      period: { days, since },
      ...(live.settings.sla ? { calendarOf: (ownerId: string) => repCalendar({ routing: live.settings.routing, sla: live.settings.sla! }, ownerId) } : {}),
    });
    sendJson(res, report, 200, routingReportResponse);
  });

  return router;
}
