import type { Queryable } from '../store/db';
import type { ActionContext } from './card-actions';
import { latestClock } from '../store/sla-clocks';
import { advanceSlaClock, recordTouches } from './sla-clocks';
import { LeadActionError } from './lead-action-error';

/** A rep says they touched the lead outside HubSpot: the touch is recorded and meets the clock that waits for it. */
export async function markTouched(
  tx: Queryable,
  ctx: ActionContext,
  contactId: number,
  ownerId: string | null,
): Promise<void> {
  const { portalId, live, now } = ctx;
  const clock = await latestClock(tx, portalId, contactId);
  const running = clock && (clock.state === 'on_track' || clock.state === 'at_risk' || clock.state === 'breached') && clock.firstTouchAt === undefined;
  if (!ownerId || !running || !live.settings.sla) {
    throw new LeadActionError('Nothing to mark: the lead has no owner with a first-touch clock waiting for a touch', 'conflict');
  }
  await recordTouches(tx, portalId, [{ contactId, key: `manual:${ctx.userId}:${now.getTime()}`, kind: 'manual', ownerId, at: now.getTime() }]);
  await advanceSlaClock(tx, portalId, contactId, { routing: live.settings.routing, sla: live.settings.sla }, now);
}
