import { DateTime } from 'luxon';
import { CLOSED_LEAD_STATUSES, EMPTY_POOL_STATE, PAST_LEAD_STAGES, poolStateSchema, routeLead, type RepState, type RoutingDecision, type RoutingLead, type RoutingSettings } from '../domain/routing';
import type { Queryable } from '../store/db';

/**
 * Routes one sales-ready lead and records the decision, in the caller's transaction. Every pool's state row is locked (in a fixed
 * order, so two assignments never deadlock) before the pure router picks a rep, so concurrent workers
 * in any number of processes see each other's turns and never hand out the same one twice.
 */
export async function assignLead(
  tx: Queryable,
  portalId: number,
  settings: RoutingSettings,
  lead: RoutingLead,
  now: Date,
  options: { companyOwnerId?: string; excluded?: Readonly<Record<string, string>> } = {},
): Promise<{ decision: RoutingDecision; assignmentId: number }> {
  const poolIds = settings.pools.map((pool) => pool.id).sort();
  for (const poolId of poolIds) {
    await tx.query(`INSERT INTO pool_states (portal_id, pool_id, state) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      portalId,
      poolId,
      JSON.stringify(EMPTY_POOL_STATE),
    ]);
  }
  const poolRows = await tx.query<{ pool_id: string; state: unknown }>(
    'SELECT pool_id, state FROM pool_states WHERE portal_id = $1 AND pool_id = ANY($2::text[]) ORDER BY pool_id FOR UPDATE',
    [portalId, poolIds],
  );
  const poolStates = Object.fromEntries(poolRows.map((row) => [row.pool_id, poolStateSchema.parse(row.state)]));
  const repStates = await loadRepStates(tx, portalId, settings, now);
  const decision = routeLead({
    lead,
    settings,
    poolStates,
    repStates,
    now: now.getTime(),
    ...options,
  });
  if (decision.kind === 'assigned') {
    if (decision.poolId && decision.poolState) {
      await tx.query('UPDATE pool_states SET state = $3, updated_at = $4 WHERE portal_id = $1 AND pool_id = $2', [
        portalId,
        decision.poolId,
        JSON.stringify(decision.poolState),
        now,
      ]);
    }
  }
  if (decision.kind === 'held') {
    // Still waiting in the hold queue: refresh the reason rather than piling up a row per attempt.
    const refreshed = await tx.query<{ id: number }>(
      `UPDATE assignments SET reason = $3, decided_at = $4, pool_id = $5, rule_id = $6, priority = $7
       WHERE id = (SELECT id FROM assignments WHERE portal_id = $1 AND contact_id = $2 ORDER BY id DESC LIMIT 1) AND kind = 'held'
       RETURNING id`,
      [portalId, Number(lead.contactId), decision.reason, now, decision.poolId, decision.ruleId, decision.priority],
    );
    if (refreshed[0]) return { decision, assignmentId: refreshed[0].id };
  }
  const [inserted] = await tx.query<{ id: number }>(
    `INSERT INTO assignments (portal_id, contact_id, kind, owner_id, pool_id, rule_id, reason, decided_at, priority) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      portalId,
      Number(lead.contactId),
      decision.kind,
      decision.kind === 'assigned' ? decision.ownerId : null,
      decision.poolId,
      decision.ruleId,
      decision.reason,
      now,
      decision.priority,
    ],
  );
  return { decision, assignmentId: inserted!.id };
}

/**
 * Rep counters derived from the assignments themselves, so they never drift: open leads (the rep holds the
 * lead's latest assignment, it is still sales-ready, not yet a deal and its lead status not closed), assignments since midnight in the rep's own time
 * zone (daily caps), and the last assignment. Read after the pool rows are locked, so they include every
 * assignment committed before this one.
 */
async function loadRepStates(tx: Queryable, portalId: number, settings: RoutingSettings, now: Date): Promise<Record<string, RepState>> {
  const ownerIds = Object.keys(settings.reps);
  const midnights = ownerIds.map((ownerId) => localMidnight(settings, ownerId, now));
  // One statement at a time: a transaction is one connection.
  const open = await tx.query<{ owner_id: string; n: number }>(
    `SELECT a.owner_id, count(*)::int AS n FROM contacts c
       CROSS JOIN LATERAL (SELECT kind, owner_id FROM assignments WHERE portal_id = c.portal_id AND contact_id = c.contact_id ORDER BY id DESC LIMIT 1) a
       WHERE c.portal_id = $1 AND c.status = 'sql' AND a.kind = 'assigned'
         AND coalesce(c.facts->>'lifecyclestage', '') <> ALL($2::text[]) AND coalesce(c.facts->>'hs_lead_status', '') <> ALL($3::text[])
       GROUP BY a.owner_id`,
    [portalId, PAST_LEAD_STAGES, CLOSED_LEAD_STATUSES],
  );
  const today = await tx.query<{ owner_id: string; n: number }>(
    `SELECT a.owner_id, count(*)::int AS n FROM assignments a
       JOIN unnest($2::text[], $3::timestamptz[]) AS m(owner_id, since) ON a.owner_id = m.owner_id
       WHERE a.portal_id = $1 AND a.kind = 'assigned' AND a.decided_at >= m.since GROUP BY a.owner_id`,
    [portalId, ownerIds, midnights],
  );
  const last = await tx.query<{ owner_id: string; at: Date }>(
    `SELECT owner_id, max(decided_at) AS at FROM assignments WHERE portal_id = $1 AND kind = 'assigned' AND owner_id = ANY($2::text[]) GROUP BY owner_id`,
    [portalId, ownerIds],
  );
  const states: Record<string, RepState> = {};
  const state = (ownerId: string): RepState => (states[ownerId] ??= { assignedToday: 0, openLeads: 0 });
  for (const row of open) state(row.owner_id).openLeads = row.n;
  for (const row of today) state(row.owner_id).assignedToday = row.n;
  for (const row of last) state(row.owner_id).lastAssignedAt = row.at.getTime();
  return states;
}

/** Midnight today in the rep's time zone (UTC for a rep without availability settings). */
function localMidnight(settings: RoutingSettings, ownerId: string, now: Date): Date {
  const zone = settings.reps[ownerId]?.calendar.timeZone ?? 'UTC';
  return DateTime.fromJSDate(now, { zone }).startOf('day').toJSDate();
}
