import type { Queryable } from '../store/db';
import { LeadActionError } from './lead-action-error';

/** A rep's own away switch: while it is on, routing gives them no new leads. Returns the rep's owner id. */
export async function setAway(tx: Queryable, portalId: number, userId: number, away: boolean, now: Date): Promise<string> {
  const [me] = await tx.query<{ owner_id: string }>('SELECT owner_id FROM owners WHERE portal_id = $1 AND user_id = $2 AND NOT archived', [portalId, userId]);
  if (!me) throw new LeadActionError('Your HubSpot user is not an owner in this portal, so it gets no leads to pause', 'conflict');
  await tx.query(
    `INSERT INTO rep_presence (portal_id, owner_id, away, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (portal_id, owner_id) DO UPDATE SET away = $3, updated_at = $4, updated_by = $5`,
    [portalId, me.owner_id, away, now, `user:${userId}`],
  );
  return me.owner_id;
}
