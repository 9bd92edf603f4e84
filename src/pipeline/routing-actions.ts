import type { LiveSettings } from '../domain/portal-settings';
import type { RoutingAction } from '../http/routing-card-responses';
import { recordAudit } from '../store/audit-log';
import type { Queryable } from '../store/db';
import { latestAssignment, lockContact, insertAssignment } from '../store/lead-store';
import { rescoreContact } from './process-contact';
import { routeSalesReadyLead, routingLeadOf } from './route-sales-ready';
import { advanceSlaClock, closeSlaClock, latestClock, recordTouches, startSlaClock } from './sla-clocks';

/** An action that cannot apply to the lead as it stands (409), or names something that does not exist (400). */
export class RoutingActionError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 409,
  ) {
    super(message);
  }
}

export interface ActionContext {
  portalId: number;
  live: LiveSettings;
  now: Date;
  userId: number;
}

/**
 * A rep's action from the routing & SLA card, in one transaction under the contact's lock: reassign (to a
 * pool, whose strategy picks someone other than the current owner, or to a person), mark touched (meets a
 * running clock), or recycle to marketing (owner cleared when the SLA policy says so). The current clock ends
 * as it should (reassigned, recycled), every action is audited, and the lead is rescored so HubSpot follows.
 */
export async function applyRoutingAction(tx: Queryable, ctx: ActionContext, action: RoutingAction): Promise<void> {
  const { portalId, live, now } = ctx;
  const contactId = action.contactId;
  const contact = await lockContact(tx, portalId, contactId);
  const by = `user:${ctx.userId}`;
  const current = await latestAssignment(tx, portalId, contactId);
  const ownerId = current?.kind === 'assigned' ? current.owner_id : null;
  const routing = live.settings.routing;

  if (action.kind === 'away') {
    const [me] = await tx.query<{ owner_id: string }>('SELECT owner_id FROM owners WHERE portal_id = $1 AND user_id = $2 AND NOT archived', [portalId, ctx.userId]);
    if (!me) throw new RoutingActionError('Your HubSpot user is not an owner in this portal, so it gets no leads to pause', 409);
    await tx.query(
      `INSERT INTO rep_presence (portal_id, owner_id, away, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (portal_id, owner_id) DO UPDATE SET away = $3, updated_at = $4, updated_by = $5`,
      [portalId, me.owner_id, action.away, now, by],
    );
    await recordAudit(tx, { portalId, actor: by, action: 'routing.away', detail: { ownerId: me.owner_id, away: action.away }, at: now });
    return;
  }
  if (action.kind === 'reassign') {
    if (!routing) throw new RoutingActionError('Routing is not set up for this portal', 409);
    if (contact.status !== 'sql') throw new RoutingActionError(`Only sales-ready leads are routed; this lead is ${contact.status}`, 409);
    const note = action.reason ? `: ${action.reason}` : '';
    if ('ownerId' in action.to) {
      const target = action.to.ownerId;
      if (target === ownerId) throw new RoutingActionError('This rep already owns the lead', 409);
      const [known] = await tx.query<{ archived: boolean }>('SELECT archived FROM owners WHERE portal_id = $1 AND owner_id = $2', [portalId, target]);
      if (known?.archived) throw new RoutingActionError(`Owner ${target} is deactivated in HubSpot`, 409);
      if (!known && !routing.reps[target]) throw new RoutingActionError(`There is no owner ${target} in this portal`, 400);
      await closeSlaClock(tx, portalId, contactId, 'reassigned', now);
      const reason = `Reassigned by ${by}${note}.`;
      const priority = current?.priority ?? 'normal';
      await insertAssignment(tx, portalId, contactId, { kind: 'assigned', owner_id: target, pool_id: null, rule_id: 'manual', reason, decided_at: now, priority });
      if (live.settings.sla) {
        const decision = { kind: 'assigned' as const, ownerId: target, priority, poolId: null, ruleId: 'manual', reason, poolState: null, skipped: [] };
        await startSlaClock(tx, portalId, contactId, { routing, sla: live.settings.sla }, decision, now);
      }
    } else {
      const pool = routing.pools.find((p) => p.id === (action.to as { poolId: string }).poolId);
      if (!pool) throw new RoutingActionError(`There is no pool "${(action.to as { poolId: string }).poolId}"`, 400);
      await closeSlaClock(tx, portalId, contactId, 'reassigned', now);
      // The pool's own strategy picks, as if it were the only pool; never the current owner.
      const onlyThisPool = { ...live, settings: { ...live.settings, routing: { ...routing, useCompanyOwner: false, rules: [], defaultPool: pool.id } } };
      const routed = await routeSalesReadyLead(tx, portalId, onlyThisPool, routingLeadOf(contact), now, ownerId ? { excluded: { [ownerId]: 'the owner it is reassigned away from' } } : {});
      if (routed) {
        const reason = `Reassigned to pool "${pool.label}" by ${by}${note}. ${routed.decision.reason}`;
        await tx.query(`UPDATE assignments SET rule_id = 'manual', reason = $3 WHERE portal_id = $1 AND id = $2`, [portalId, routed.assignmentId, reason]);
      }
    }
  } else if (action.kind === 'touched') {
    const clock = await latestClock(tx, portalId, contactId);
    const running = clock && (clock.state === 'on_track' || clock.state === 'at_risk' || clock.state === 'breached') && clock.firstTouchAt === undefined;
    if (!ownerId || !running || !live.settings.sla) throw new RoutingActionError('Nothing to mark: the lead has no owner with a first-touch clock waiting for a touch', 409);
    await recordTouches(tx, portalId, [{ contactId, key: `manual:${ctx.userId}:${now.getTime()}`, kind: 'manual', ownerId, at: now.getTime() }]);
    await advanceSlaClock(tx, portalId, contactId, { routing, sla: live.settings.sla }, now);
  } else {
    if (contact.status === 'recycled') throw new RoutingActionError('The lead is already recycled', 409);
    const clock = await latestClock(tx, portalId, contactId);
    await tx.query('INSERT INTO lead_decisions (portal_id, contact_id, kind, decided_at, decided_by, reason) VALUES ($1, $2, $3, $4, $5, $6)', [
      portalId,
      contactId,
      'recycle',
      now,
      by,
      action.reason,
    ]);
    await closeSlaClock(tx, portalId, contactId, 'recycled', now);
    if (ownerId && clock?.clearOwnerOnRecycle) {
      const reason = `Recycled to marketing by ${by}: ${action.reason}`;
      await insertAssignment(tx, portalId, contactId, { kind: 'released', owner_id: null, pool_id: current?.pool_id ?? null, rule_id: 'manual', reason, decided_at: now });
    }
  }
  await recordAudit(tx, { portalId, actor: by, action: `routing.${action.kind}`, detail: { ...action }, at: now });
  await rescoreContact(tx, { portalId, live, now }, contactId);
}
