import type { Queryable } from '../store/db';
import { insertAssignment } from '../store/lead-store';
import { closeSlaClock } from './sla-clocks';

/**
 * Hands a lead back to marketing: the recycle is recorded as a decision (the replay then counts only points
 * earned after it towards qualifying again), the first-touch clock ends as "recycled", and the owner is
 * released when the SLA policy says so. Called alike by a rep on the card and by the SLA sweep on a breach.
 */
export async function recycleLead(
  tx: Queryable,
  portalId: number,
  contactId: number,
  recycle: { by: string; reason: string; now: Date; release?: { poolId: string | null; ruleId: string; reason: string } },
): Promise<void> {
  const { by, reason, now } = recycle;
  await tx.query(`INSERT INTO lead_decisions (portal_id, contact_id, kind, decided_at, decided_by, reason) VALUES ($1, $2, 'recycle', $3, $4, $5)`, [
    portalId,
    contactId,
    now,
    by,
    reason,
  ]);
  await closeSlaClock(tx, portalId, contactId, 'recycled', now);
  if (recycle.release) {
    const { poolId, ruleId, reason: why } = recycle.release;
    await insertAssignment(tx, portalId, contactId, { kind: 'released', owner_id: null, pool_id: poolId, rule_id: ruleId, reason: why, decided_at: now });
  }
}
