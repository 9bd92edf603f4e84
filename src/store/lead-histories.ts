import type { ContactFacts } from '../domain/activities';
import type { LeadHistory } from '../domain/preview/preview-model';
import { loadActivitiesOf, loadDecisionsOf } from './contact-batches';
import type { Queryable } from './db';

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
  const activities = await loadActivitiesOf(db, portalId, ids);
  const decisions = await loadDecisionsOf(db, portalId, ids);
  return contacts.map((contact) => ({
    contactId: contact.contact_id,
    history: { activities: activities.get(contact.contact_id)!, decisions: decisions.get(contact.contact_id)!, facts: contact.facts },
  }));
}
