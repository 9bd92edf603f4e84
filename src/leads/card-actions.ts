import { z } from 'zod';
import { recordAudit } from '../store/audit-log';
import type { Queryable } from '../store/db';
import { latestAssignment, lockContact } from '../store/lead-store';
import { settleContact, type ProcessContext } from '../process/settle-contacts';
import { latestClock } from '../store/sla-clocks';
import { LeadActionError } from './lead-action-error';
import { markTouched } from './mark-touched';
import { reassignLead } from './reassign-lead';
import { recycleLead } from './recycle-lead';
import { setAway } from './set-away';

/** A rep's action on the card. */
export const cardActionBody = z.discriminatedUnion('kind', [
  z.object({
    contactId: z.number().int().positive(),
    kind: z.literal('reassign'),
    to: z.union([z.object({ poolId: z.string().min(1) }).strict(), z.object({ ownerId: z.string().regex(/^\d+$/) }).strict()]),
    reason: z.string().trim().max(500).optional(),
  }),
  z.object({ contactId: z.number().int().positive(), kind: z.literal('touched'), note: z.string().trim().max(500).optional() }),
  z.object({ contactId: z.number().int().positive(), kind: z.literal('recycle'), reason: z.string().trim().min(1, 'a reason is required').max(500) }),
  /** The rep's own away switch: no new leads while it is on. */
  z.object({ contactId: z.number().int().positive(), kind: z.literal('away'), away: z.boolean() }),
]);
export type CardAction = z.infer<typeof cardActionBody>;

/** Who acts, besides the lead's portal, settings and time. */
export type ActionContext = ProcessContext & { userId: number };

/**
 * A rep's action from the routing & SLA card, in one transaction under the contact's lock: reassign (to a
 * pool, whose strategy picks someone other than the current owner, or to a person), mark touched, recycle to
 * marketing, or switch themselves away. Every action is audited, and the lead is settled so HubSpot follows.
 */
export async function applyCardAction(tx: Queryable, ctx: ActionContext, action: CardAction): Promise<void> {
  const { portalId, live, now } = ctx;
  const contactId = action.contactId;
  const contact = await lockContact(tx, portalId, contactId);
  const by = `user:${ctx.userId}`;
  const current = await latestAssignment(tx, portalId, contactId);
  const ownerId = current?.kind === 'assigned' ? current.owner_id : null;

  if (action.kind === 'away') {
    const owner = await setAway(tx, portalId, ctx.userId, action.away, now);
    await recordAudit(tx, { portalId, actor: by, action: 'routing.away', detail: { ownerId: owner, away: action.away }, at: now });
    return;
  }
  if (action.kind === 'reassign') {
    const note = action.reason ? `: ${action.reason}` : '';
    const { to } = action;
    const pool = 'poolId' in to ? live.settings.routing?.pools.find((p) => p.id === to.poolId) : undefined;
    await reassignLead(tx, ctx, contact, current, {
      to,
      ruleId: 'manual',
      reason: (routed) => (pool ? `Reassigned to pool "${pool.label}" by ${by}${note}. ${routed}` : `Reassigned by ${by}${note}.`),
      // Never back to the owner it is taken from.
      ...(ownerId ? { excluded: { [ownerId]: 'the owner it is reassigned away from' } } : {}),
    });
  } else if (action.kind === 'touched') {
    await markTouched(tx, ctx, contactId, ownerId);
  } else {
    if (contact.status === 'recycled') throw new LeadActionError('The lead is already recycled', 'conflict');
    const clock = await latestClock(tx, portalId, contactId);
    const release = ownerId && clock?.clearOwnerOnRecycle ? { poolId: current?.pool_id ?? null, ruleId: 'manual', reason: `Recycled to marketing by ${by}: ${action.reason}` } : undefined;
    await recycleLead(tx, portalId, contactId, { by, reason: action.reason, now, ...(release ? { release } : {}) });
  }
  await recordAudit(tx, { portalId, actor: by, action: `routing.${action.kind}`, detail: { ...action }, at: now });
  await settleContact(tx, { portalId, live, now }, contactId);
}
