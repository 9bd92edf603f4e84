import { previewRouting, type RoutingDecision, type RoutingSettings, type RoutingStates } from '../domain/routing';
import { routingLeadOf } from '../leads/route-sales-ready';
import type { Queryable } from '../store/db';
import type { ContactRow } from '../store/lead-store';
import { listOwners, ownerName } from '../store/owners';
import { yieldWhenBusy } from '../yield-when-busy';
import type { RoutingPreviewView } from './settings-routing-responses';

type Actual = RoutingPreviewView['leads'][number]['actual'];

interface SalesReadyRow extends ContactRow {
  sales_ready_at: Date;
  actual_kind: NonNullable<Actual>['kind'] | null;
  actual_owner_id: string | null;
  actual_pool_id: string | null;
}

/** The portal's latest `limit` sales-ready leads (latest status transition is to SQL), newest first, with their latest routing decision. */
async function latestSalesReadyLeads(db: Queryable, portalId: number, limit: number): Promise<SalesReadyRow[]> {
  return db.query<SalesReadyRow>(
    `SELECT c.*, t.at AS sales_ready_at, a.kind AS actual_kind, a.owner_id AS actual_owner_id, a.pool_id AS actual_pool_id
     FROM (
       SELECT DISTINCT ON (contact_id) contact_id, to_status, at FROM status_transitions
       WHERE portal_id = $1 ORDER BY contact_id, at DESC, id DESC
     ) t
     JOIN contacts c ON c.portal_id = $1 AND c.contact_id = t.contact_id
     LEFT JOIN LATERAL (
       SELECT kind, owner_id, pool_id FROM assignments WHERE portal_id = $1 AND contact_id = t.contact_id ORDER BY id DESC LIMIT 1
     ) a ON true
     WHERE t.to_status = 'sql'
     ORDER BY t.at DESC, t.contact_id DESC
     LIMIT $2`,
    [portalId, limit],
  );
}

/**
 * Where the latest sales-ready leads would go under `routing` if they arrived at `now` (from empty pool
 * and rep states: nothing is read from or written to the live routing), beside where they actually went.
 */
export async function previewDraftRouting(db: Queryable, portalId: number, routing: RoutingSettings, limit: number, now: Date): Promise<RoutingPreviewView> {
  const rows = await latestSalesReadyLeads(db, portalId, limit);
  const owners = await listOwners(db, portalId);
  const decisions: RoutingDecision[] = [];
  let states: RoutingStates = { poolStates: {}, repStates: {} };
  let held = 0;
  for (const row of rows) {
    // A lead at a time, each from the states the one before left: a draft with many rules and values
    // costs milliseconds per lead, and the loop gets its turn between them.
    const step = previewRouting(routing, [{ lead: routingLeadOf(row) }], states, now.getTime());
    decisions.push(step.decisions[0]!.decision);
    held += step.held;
    states = step;
    await yieldWhenBusy();
  }
  const leads = rows.map((row, index): RoutingPreviewView['leads'][number] => {
    const decision = decisions[index]!;
    return {
      contactId: row.contact_id,
      salesReadyAt: row.sales_ready_at.toISOString(),
      actual: row.actual_kind === null ? null : { kind: row.actual_kind, ownerId: row.actual_owner_id, poolId: row.actual_pool_id },
      preview: {
        kind: decision.kind,
        ownerId: decision.kind === 'assigned' ? decision.ownerId : null,
        poolId: decision.poolId,
        ruleId: decision.ruleId,
        reason: decision.reason,
      },
    };
  });
  const names = new Map(owners.map((owner) => [owner.ownerId, owner.name]));
  return {
    evaluatedAt: now.toISOString(),
    leads,
    perOwner: countPerOwner(leads, (ownerId) => names.get(ownerId) ?? ownerName({ owner_id: ownerId, email: null, first_name: null, last_name: null })),
    held,
    changed: leads.filter(({ actual, preview: draft }) => actual?.kind !== draft.kind || actual.ownerId !== draft.ownerId).length,
  };
}

/** Leads per owner, actually assigned and under the draft, most under the draft first. */
function countPerOwner(leads: RoutingPreviewView['leads'], nameOf: (ownerId: string) => string): RoutingPreviewView['perOwner'] {
  const counts = new Map<string, { actual: number; preview: number }>();
  const bump = (ownerId: string, field: 'actual' | 'preview') => {
    const entry = counts.get(ownerId) ?? { actual: 0, preview: 0 };
    entry[field] += 1;
    counts.set(ownerId, entry);
  };
  for (const { actual, preview } of leads) {
    if (actual?.kind === 'assigned' && actual.ownerId !== null) bump(actual.ownerId, 'actual');
    if (preview.ownerId !== null) bump(preview.ownerId, 'preview');
  }
  return [...counts]
    .map(([ownerId, { actual, preview }]) => ({ ownerId, name: nameOf(ownerId), actual, preview }))
    .sort((a, b) => b.preview - a.preview || b.actual - a.actual || a.name.localeCompare(b.name));
}
