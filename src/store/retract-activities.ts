import type { Queryable } from './db';

/**
 * Removes activities a contact's fuller history no longer bears out (e.g. a page view that turned out not to be on
 * the pricing page once the change of its last page seen arrived), with the points they earned: one statement for
 * the set, ledger rows first, as the two are written and purged together.
 */
export async function retractActivities(tx: Queryable, portalId: number, retracted: ReadonlyArray<{ contactId: number; key: string }>): Promise<void> {
  if (retracted.length === 0) return;
  await tx.query(
    `WITH r AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS r(c bigint, k text)),
     ledger AS (DELETE FROM score_ledger l USING r WHERE l.portal_id = $1 AND l.contact_id = r.c AND l.source_key = r.k)
     DELETE FROM activities a USING r WHERE a.portal_id = $1 AND a.contact_id = r.c AND a.activity_key = r.k`,
    [portalId, JSON.stringify(retracted.map(({ contactId, key }) => ({ c: contactId, k: key })))],
  );
}
