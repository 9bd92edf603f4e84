import type { RoutingDecision } from '../domain/routing';
import type { Queryable } from './db';

/**
 * The routing state a decision reads and writes, in the caller's transaction: the pools' rows (round-robin
 * turns, locked in a fixed order so two assignments never deadlock), the reps' counters derived from the
 * assignments themselves, and the decision recorded.
 */

/** Locks the pools' state rows, creating missing ones as `empty`, in pool id order. */
export async function lockPoolStates(tx: Queryable, portalId: number, poolIds: readonly string[], empty: unknown): Promise<Array<{ pool_id: string; state: unknown }>> {
  const ids = [...poolIds].sort();
  if (ids.length > 0) {
    await tx.query(`INSERT INTO pool_states (portal_id, pool_id, state) SELECT $1, id, $3 FROM unnest($2::text[]) AS u(id) ORDER BY id ON CONFLICT DO NOTHING`, [
      portalId,
      ids,
      JSON.stringify(empty),
    ]);
  }
  return tx.query<{ pool_id: string; state: unknown }>('SELECT pool_id, state FROM pool_states WHERE portal_id = $1 AND pool_id = ANY($2::text[]) ORDER BY pool_id FOR UPDATE', [
    portalId,
    ids,
  ]);
}

export async function savePoolState(tx: Queryable, portalId: number, poolId: string, state: unknown, now: Date): Promise<void> {
  await tx.query('UPDATE pool_states SET state = $3, updated_at = $4 WHERE portal_id = $1 AND pool_id = $2', [portalId, poolId, JSON.stringify(state), now]);
}

/** Per rep: open leads (held, still sales-ready, not past `pastStages` or in `closedStatuses`), assignments since their own midnight, the last one. */
export async function repCounters(
  tx: Queryable,
  portalId: number,
  midnights: ReadonlyArray<{ ownerId: string; since: Date }>,
  pastStages: readonly string[],
  closedStatuses: readonly string[],
) {
  // One statement at a time: a transaction is one connection.
  const open = await tx.query<{ owner_id: string; n: number }>(
    `SELECT a.owner_id, count(*)::int AS n FROM contacts c
       CROSS JOIN LATERAL (SELECT kind, owner_id FROM assignments WHERE portal_id = c.portal_id AND contact_id = c.contact_id ORDER BY id DESC LIMIT 1) a
       WHERE c.portal_id = $1 AND c.status = 'sql' AND a.kind = 'assigned'
         AND coalesce(c.facts->>'lifecyclestage', '') <> ALL($2::text[]) AND coalesce(c.facts->>'hs_lead_status', '') <> ALL($3::text[])
       GROUP BY a.owner_id`,
    [portalId, pastStages, closedStatuses],
  );
  const today = await tx.query<{ owner_id: string; n: number }>(
    `SELECT a.owner_id, count(*)::int AS n FROM assignments a
       JOIN unnest($2::text[], $3::timestamptz[]) AS m(owner_id, since) ON a.owner_id = m.owner_id
       WHERE a.portal_id = $1 AND a.kind = 'assigned' AND a.decided_at >= m.since GROUP BY a.owner_id`,
    [portalId, midnights.map((m) => m.ownerId), midnights.map((m) => m.since)],
  );
  const last = await tx.query<{ owner_id: string; at: Date }>(
    `SELECT owner_id, max(decided_at) AS at FROM assignments WHERE portal_id = $1 AND kind = 'assigned' AND owner_id = ANY($2::text[]) GROUP BY owner_id`,
    [portalId, midnights.map((m) => m.ownerId)],
  );
  return { open, today, last };
}

/** Records the router's decision; a lead still waiting in the hold queue gets its reason refreshed rather than a row per attempt. */
export async function recordDecision(tx: Queryable, portalId: number, contactId: number, decision: RoutingDecision, now: Date): Promise<number> {
  if (decision.kind === 'held') {
    const [refreshed] = await tx.query<{ id: number }>(
      `UPDATE assignments SET reason = $3, decided_at = $4, pool_id = $5, rule_id = $6, priority = $7
       WHERE id = (SELECT id FROM assignments WHERE portal_id = $1 AND contact_id = $2 ORDER BY id DESC LIMIT 1) AND kind = 'held'
       RETURNING id`,
      [portalId, contactId, decision.reason, now, decision.poolId, decision.ruleId, decision.priority],
    );
    if (refreshed) return refreshed.id;
  }
  const [inserted] = await tx.query<{ id: number }>(
    `INSERT INTO assignments (portal_id, contact_id, kind, owner_id, pool_id, rule_id, reason, decided_at, priority) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [portalId, contactId, decision.kind, decision.kind === 'assigned' ? decision.ownerId : null, decision.poolId, decision.ruleId, decision.reason, now, decision.priority],
  );
  return inserted!.id;
}
