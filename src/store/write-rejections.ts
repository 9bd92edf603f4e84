import type { Queryable } from './db';

/** A contact's write HubSpot refused for its validation rules. */
export interface WriteRejection {
  contactId: number;
  /** The values that were refused: the writer does not send these again. */
  properties: Record<string, string>;
  message: string;
  propertyNames: string[];
  rejectedAt: Date;
}

/** Records the refusals, replacing each contact's earlier one. */
export async function recordWriteRejections(tx: Queryable, portalId: number, rejections: readonly WriteRejection[]): Promise<void> {
  if (rejections.length === 0) return;
  await tx.query(
    `INSERT INTO write_rejections (portal_id, contact_id, properties, message, property_names, rejected_at)
     SELECT $1, c, p, m, n, a FROM jsonb_to_recordset($2::jsonb) AS r(c bigint, p jsonb, m text, n jsonb, a timestamptz)
     ON CONFLICT (portal_id, contact_id) DO UPDATE SET properties = EXCLUDED.properties, message = EXCLUDED.message,
       property_names = EXCLUDED.property_names, rejected_at = EXCLUDED.rejected_at`,
    [
      portalId,
      JSON.stringify(
        rejections.map((r) => ({ c: r.contactId, p: r.properties, m: r.message, n: r.propertyNames, a: r.rejectedAt.toISOString() })),
      ),
    ],
  );
}

/** Forgets the refusals of contacts whose values HubSpot has since taken. */
export async function clearWriteRejections(tx: Queryable, portalId: number, contactIds: readonly number[]): Promise<void> {
  if (contactIds.length === 0) return;
  await tx.query('DELETE FROM write_rejections WHERE portal_id = $1 AND contact_id = ANY($2::bigint[])', [portalId, contactIds]);
}

/** The contact's standing refusal, if HubSpot refused its last write. */
export async function writeRejectionOf(db: Queryable, portalId: number, contactId: number): Promise<WriteRejection | undefined> {
  const [row] = await db.query<{ properties: Record<string, string>; message: string; property_names: string[]; rejected_at: Date }>(
    'SELECT properties, message, property_names, rejected_at FROM write_rejections WHERE portal_id = $1 AND contact_id = $2',
    [portalId, contactId],
  );
  return row && { contactId, properties: row.properties, message: row.message, propertyNames: row.property_names, rejectedAt: row.rejected_at };
}
