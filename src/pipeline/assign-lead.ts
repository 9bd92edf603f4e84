import { EMPTY_POOL_STATE, poolStateSchema, recordAssignment, routeLead, type RepState, type RoutingDecision, type RoutingLead, type RoutingSettings } from '../domain/routing';
import type { Queryable } from '../store/db';

interface RepRow {
  owner_id: string;
  assigned_day: string | null;
  assigned_today: number;
  open_leads: number;
  last_assigned_at: Date | null;
}

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
  companyOwnerId?: string,
): Promise<RoutingDecision> {
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
  const repStates = await loadRepStates(tx, portalId, now);
  const decision = routeLead({ lead, settings, poolStates, repStates, now: now.getTime(), ...(companyOwnerId ? { companyOwnerId } : {}) });
  if (decision.kind === 'assigned') {
    if (decision.poolId && decision.poolState) {
      await tx.query('UPDATE pool_states SET state = $3, updated_at = $4 WHERE portal_id = $1 AND pool_id = $2', [
        portalId,
        decision.poolId,
        JSON.stringify(decision.poolState),
        now,
      ]);
    }
    const rep = recordAssignment(repStates, decision.ownerId, now.getTime())[decision.ownerId]!;
    await tx.query(
      `INSERT INTO rep_states (portal_id, owner_id, assigned_day, assigned_today, open_leads, last_assigned_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (portal_id, owner_id) DO UPDATE SET assigned_day = $3, assigned_today = $4, open_leads = $5, last_assigned_at = $6`,
      [portalId, decision.ownerId, utcDay(now), rep.assignedToday, rep.openLeads, now],
    );
  }
  if (decision.kind === 'held') {
    // Still waiting in the hold queue: refresh the reason rather than piling up a row per attempt.
    const refreshed = await tx.query(
      `UPDATE assignments SET reason = $3, decided_at = $4, pool_id = $5, rule_id = $6
       WHERE id = (SELECT id FROM assignments WHERE portal_id = $1 AND contact_id = $2 ORDER BY id DESC LIMIT 1) AND kind = 'held'
       RETURNING id`,
      [portalId, Number(lead.contactId), decision.reason, now, decision.poolId, decision.ruleId],
    );
    if (refreshed.length > 0) return decision;
  }
  await tx.query(
    `INSERT INTO assignments (portal_id, contact_id, kind, owner_id, pool_id, rule_id, reason, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [portalId, Number(lead.contactId), decision.kind, decision.kind === 'assigned' ? decision.ownerId : null, decision.poolId, decision.ruleId, decision.reason, now],
  );
  return decision;
}

/** Rep counters, with yesterday's daily count read as zero (caps are per day). */
async function loadRepStates(tx: Queryable, portalId: number, now: Date): Promise<Record<string, RepState>> {
  const rows = await tx.query<RepRow>(
    `SELECT owner_id, to_char(assigned_day, 'YYYY-MM-DD') AS assigned_day, assigned_today, open_leads, last_assigned_at
     FROM rep_states WHERE portal_id = $1`,
    [portalId],
  );
  const today = utcDay(now);
  return Object.fromEntries(
    rows.map((row) => [
      row.owner_id,
      {
        assignedToday: row.assigned_day === today ? row.assigned_today : 0,
        openLeads: row.open_leads,
        ...(row.last_assigned_at ? { lastAssignedAt: row.last_assigned_at.getTime() } : {}),
      },
    ]),
  );
}

function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
