import type { Db } from './db';

/**
 * Deletes everything stored for a portal: every table keyed by `portal_id`, the installation last.
 * Found from the catalog, so tables added by later migrations are covered without being listed here.
 */
export async function deletePortalData(db: Db, portalId: number): Promise<Record<string, number>> {
  return db.transaction(async (tx) => {
    const tables = await tx.query<{ name: string }>(
      `SELECT c.table_name AS name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = current_schema() AND c.column_name = 'portal_id' AND t.table_type = 'BASE TABLE'
       ORDER BY (c.table_name = 'installations'), c.table_name`,
    );
    const deleted: Record<string, number> = {};
    for (const { name } of tables) {
      const rows = await tx.query(`DELETE FROM "${name}" WHERE portal_id = $1 RETURNING 1`, [portalId]);
      deleted[name] = rows.length;
    }
    return deleted;
  });
}
