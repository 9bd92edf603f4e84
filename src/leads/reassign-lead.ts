import type { ProcessContext } from '../process/settle-contacts';
import type { Queryable } from '../store/db';
import { insertAssignment, type AssignmentRow, type ContactRow } from '../store/lead-store';
import { routeSalesReadyLead, routingLeadOf } from './route-sales-ready';
import { closeSlaClock, startSlaClock } from './sla-clocks';
import { LeadActionError } from './lead-action-error';

/** Where a lead goes: to a person, to one pool (its strategy picks), or through the routing rules again. */
export type ReassignTarget = { ownerId: string } | { poolId: string } | 'rules';

/**
 * Takes a sales-ready lead from its owner and gives it to someone else: the running first-touch clock ends
 * as "reassigned", the new owner gets a clock of their own, and the decision says who did it and why. Called
 * alike by a rep on the card and by the SLA sweep when a breach reassigns. A pool or the rules may find nobody
 * free and hold the lead.
 */
export async function reassignLead(
  tx: Queryable,
  ctx: ProcessContext,
  contact: ContactRow,
  current: AssignmentRow | undefined,
  change: {
    to: ReassignTarget;
    ruleId: string;
    /** The decision's reason for a person or a pool (given the router's own reason); the rules give their own. */
    reason: (routed?: string) => string;
    excluded?: Record<string, string>;
  },
): Promise<void> {
  const { portalId, live, now } = ctx;
  const { to } = change;
  const routing = live.settings.routing;
  const contactId = contact.contact_id;
  if (!routing) {
    // Routing turned off since the lead was routed: its clock ends and it keeps its owner, there is nowhere else to go.
    if (to === 'rules') await closeSlaClock(tx, portalId, contactId, 'reassigned', now);
    else throw new LeadActionError('Routing is not set up for this portal', 'conflict');
    return;
  }
  if (contact.status !== 'sql') throw new LeadActionError(`Only sales-ready leads are routed; this lead is ${contact.status}`, 'conflict');
  const ownerId = current?.kind === 'assigned' ? current.owner_id : null;

  if (typeof to === 'object' && 'ownerId' in to) {
    const target = to.ownerId;
    if (target === ownerId) throw new LeadActionError('This rep already owns the lead', 'conflict');
    const [known] = await tx.query<{ archived: boolean }>('SELECT archived FROM owners WHERE portal_id = $1 AND owner_id = $2', [portalId, target]);
    if (known?.archived) throw new LeadActionError(`Owner ${target} is deactivated in HubSpot`, 'conflict');
    if (!known && !routing.reps[target]) throw new LeadActionError(`There is no owner ${target} in this portal`, 'unknown_target');
    await closeSlaClock(tx, portalId, contactId, 'reassigned', now);
    const reason = change.reason();
    const priority = current?.priority ?? 'normal';
    await insertAssignment(tx, portalId, contactId, {
      kind: 'assigned',
      owner_id: target,
      pool_id: null,
      rule_id: change.ruleId,
      reason,
      decided_at: now,
      priority,
    });
    if (live.settings.sla) {
      const decision = { kind: 'assigned' as const, ownerId: target, priority, poolId: null, ruleId: change.ruleId, reason, poolState: null, skipped: [] };
      await startSlaClock(tx, portalId, contactId, { routing, sla: live.settings.sla }, decision, now);
    }
    return;
  }

  let settings = live;
  if (typeof to === 'object') {
    const pool = routing.pools.find((p) => p.id === to.poolId);
    if (!pool) throw new LeadActionError(`There is no pool "${to.poolId}"`, 'unknown_target');
    // The pool's own strategy picks, as if it were the only pool.
    settings = { ...live, settings: { ...live.settings, routing: { ...routing, useCompanyOwner: false, rules: [], defaultPool: pool.id } } };
  }
  await closeSlaClock(tx, portalId, contactId, 'reassigned', now);
  const routed = await routeSalesReadyLead(tx, portalId, settings, routingLeadOf(contact), now, change.excluded ? { excluded: change.excluded } : {});
  if (routed && typeof to === 'object') {
    await tx.query('UPDATE assignments SET rule_id = $3, reason = $4 WHERE portal_id = $1 AND id = $2', [
      portalId,
      routed.assignmentId,
      change.ruleId,
      change.reason(routed.decision.reason),
    ]);
  }
}
