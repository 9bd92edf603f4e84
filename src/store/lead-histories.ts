import type { Activity, ContactFacts } from '../domain/activities';
import type { Decision } from '../domain/qualification';
import type { LeadHistory } from '../domain/preview/preview-model';
import type { Queryable } from './db';
import { activityOf, decisionOf, type ActivityRow, type DecisionRow } from './lead-store';

/**
 * The stored histories of the portal's next `limit` contacts after `afterContactId`, in id order: three
 * queries for the whole chunk, so a portal is read in a few queries per chunk rather than two per contact.
 */
export async function loadLeadHistories(
  db: Queryable,
  portalId: number,
  afterContactId: number,
  limit: number,
): Promise<Array<{ contactId: number; history: LeadHistory }>> {
  const contacts = await db.query<{ contact_id: number; facts: ContactFacts }>(
    'SELECT contact_id, facts FROM contacts WHERE portal_id = $1 AND contact_id > $2 ORDER BY contact_id LIMIT $3',
    [portalId, afterContactId, limit],
  );
  if (contacts.length === 0) return [];
  const ids = contacts.map((contact) => contact.contact_id);
  const activities = await db.query<ActivityRow & { contact_id: number }>(
    'SELECT contact_id, activity_key, type, occurred_at, detail FROM activities WHERE portal_id = $1 AND contact_id = ANY($2::bigint[])',
    [portalId, ids],
  );
  const decisions = await db.query<DecisionRow & { contact_id: number }>(
    `SELECT contact_id, kind, decided_at, decided_by, reason FROM lead_decisions
     WHERE portal_id = $1 AND contact_id = ANY($2::bigint[]) ORDER BY decided_at, id`,
    [portalId, ids],
  );
  const histories = new Map(ids.map((id) => [id, { activities: [] as Activity[], decisions: [] as Decision[] }]));
  for (const row of activities) histories.get(row.contact_id)!.activities.push(activityOf(row));
  for (const row of decisions) histories.get(row.contact_id)!.decisions.push(decisionOf(row));
  return contacts.map((contact) => ({ contactId: contact.contact_id, history: { ...histories.get(contact.contact_id)!, facts: contact.facts } }));
}
