import type { Queryable } from './db';

export interface AuditEntry {
  portalId: number;
  /** `user:<id>`, `system` or `app`. */
  actor: string;
  action: string;
  detail?: Record<string, unknown>;
  at: Date;
}

export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query('INSERT INTO audit_log (portal_id, actor, action, detail, at) VALUES ($1, $2, $3, $4, $5)', [
    entry.portalId,
    entry.actor,
    entry.action,
    JSON.stringify(entry.detail ?? {}),
    entry.at,
  ]);
}
