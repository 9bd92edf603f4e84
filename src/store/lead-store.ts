import type { LeadPriority } from '../domain/sla';
import type { ContactFacts } from '../domain/activities';
import type { Decision } from '../domain/qualification';
import type { LedgerEntry } from '../domain/scoring';
import type { Queryable } from './db';

/** A contact's stored state, read under its row lock. */
export interface ContactRow {
  portal_id: number;
  contact_id: number;
  facts: ContactFacts;
  facts_loaded: boolean;
  status: string;
  status_since: Date | null;
  score: number;
  fit_score: number;
  engagement_score: number;
  grade: string;
  reasons: string;
  settings_version: number;
  scored_at: Date | null;
  written: Record<string, string>;
}

/** Locks the contact's row for this transaction, creating it first if the contact is new. */
export async function lockContact(tx: Queryable, portalId: number, contactId: number): Promise<ContactRow> {
  await tx.query('INSERT INTO contacts (portal_id, contact_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [portalId, contactId]);
  const [row] = await tx.query<ContactRow>('SELECT * FROM contacts WHERE portal_id = $1 AND contact_id = $2 FOR UPDATE', [
    portalId,
    contactId,
  ]);
  return row!;
}

/** Locks the contact's row for this transaction; undefined (and nothing created) when the portal has no such contact. */
export async function lockKnownContact(tx: Queryable, portalId: number, contactId: number): Promise<ContactRow | undefined> {
  const [row] = await tx.query<ContactRow>('SELECT * FROM contacts WHERE portal_id = $1 AND contact_id = $2 FOR UPDATE', [portalId, contactId]);
  return row;
}

export async function loadLedger(tx: Queryable, portalId: number, contactId: number): Promise<LedgerEntry[]> {
  const rows = await tx.query<{ source_key: string; rule_id: string; points: number; occurred_at: Date }>(
    'SELECT source_key, rule_id, points, occurred_at FROM score_ledger WHERE portal_id = $1 AND contact_id = $2',
    [portalId, contactId],
  );
  return rows.map((row) => ({ sourceKey: row.source_key, ruleId: row.rule_id, points: row.points, occurredAt: row.occurred_at.getTime() }));
}

export interface DecisionRow {
  kind: Decision['kind'];
  decided_at: Date;
  decided_by: string;
  reason: string | null;
}

export const decisionOf = (row: DecisionRow): Decision => ({
  kind: row.kind,
  at: row.decided_at.getTime(),
  by: row.decided_by,
  ...(row.reason ? { reason: row.reason } : {}),
});

export interface ContactState {
  /** Undefined: the stored facts stand (they are most of a row, and a rescore changes none). */
  facts?: ContactFacts | undefined;
  factsLoaded: boolean;
  status: string;
  statusSince: Date | null;
  score: number;
  fit: number;
  engagement: number;
  grade: string;
  reasons: string;
  settingsVersion: number;
  scoredAt: Date;
}

/** Tables holding a contact's data, purged on deletion and moved on merge. */
const CONTACT_TABLES = ['activities', 'score_ledger', 'lead_decisions', 'status_transitions', 'outbox', 'assignments', 'sla_clocks', 'sla_touches', 'task_outbox'] as const;

/** Everything the app holds about a contact goes: deletion and GDPR privacy deletion. */
export async function purgeContact(tx: Queryable, portalId: number, contactId: number): Promise<void> {
  for (const table of CONTACT_TABLES) {
    await tx.query(`DELETE FROM ${table} WHERE portal_id = $1 AND contact_id = $2`, [portalId, contactId]);
  }
  await tx.query('DELETE FROM contacts WHERE portal_id = $1 AND contact_id = $2', [portalId, contactId]);
  await tx.query('DELETE FROM inbox WHERE portal_id = $1 AND object_id = $2 AND processed_at IS NOT NULL', [portalId, contactId]);
}

/** Moves a merged-away contact's history onto the survivor (duplicates by key are dropped), then removes it. */
export async function moveContactHistory(tx: Queryable, portalId: number, fromId: number, toId: number): Promise<void> {
  await tx.query(
    `INSERT INTO activities (portal_id, contact_id, activity_key, type, occurred_at, detail)
     SELECT portal_id, $3, activity_key, type, occurred_at, detail FROM activities WHERE portal_id = $1 AND contact_id = $2
     ON CONFLICT DO NOTHING`,
    [portalId, fromId, toId],
  );
  await tx.query(
    `INSERT INTO score_ledger (portal_id, contact_id, source_key, rule_id, points, occurred_at)
     SELECT portal_id, $3, source_key, rule_id, points, occurred_at FROM score_ledger WHERE portal_id = $1 AND contact_id = $2
     ON CONFLICT DO NOTHING`,
    [portalId, fromId, toId],
  );
  await tx.query('UPDATE lead_decisions SET contact_id = $3 WHERE portal_id = $1 AND contact_id = $2', [portalId, fromId, toId]);
  await tx.query('UPDATE status_transitions SET contact_id = $3 WHERE portal_id = $1 AND contact_id = $2', [portalId, fromId, toId]);
  await tx.query('UPDATE assignments SET contact_id = $3 WHERE portal_id = $1 AND contact_id = $2', [portalId, fromId, toId]);
  await tx.query('UPDATE task_outbox SET contact_id = $3 WHERE portal_id = $1 AND contact_id = $2', [portalId, fromId, toId]);
  await tx.query(
    `INSERT INTO sla_touches (portal_id, contact_id, touch_key, owner_id, kind, at)
     SELECT portal_id, $3, touch_key, owner_id, kind, at FROM sla_touches WHERE portal_id = $1 AND contact_id = $2 ON CONFLICT DO NOTHING`,
    [portalId, fromId, toId],
  );
  for (const table of ['activities', 'score_ledger', 'outbox', 'sla_clocks', 'sla_touches'] as const) {
    await tx.query(`DELETE FROM ${table} WHERE portal_id = $1 AND contact_id = $2`, [portalId, fromId]);
  }
  await tx.query('DELETE FROM contacts WHERE portal_id = $1 AND contact_id = $2', [portalId, fromId]);
}

export interface AssignmentRow {
  kind: 'assigned' | 'held' | 'released';
  owner_id: string | null;
  pool_id: string | null;
  rule_id: string;
  reason: string;
  decided_at: Date;
  priority: LeadPriority;
}

/** The contact's latest routing decision, if it was ever routed. */
export async function latestAssignment(tx: Queryable, portalId: number, contactId: number): Promise<AssignmentRow | undefined> {
  const [row] = await tx.query<AssignmentRow>(
    `SELECT kind, owner_id, pool_id, rule_id, reason, decided_at, priority FROM assignments
     WHERE portal_id = $1 AND contact_id = $2 ORDER BY id DESC LIMIT 1`,
    [portalId, contactId],
  );
  return row;
}

/** Records a routing decision made outside the router: a release, a wait for HubSpot, a user's reassignment. */
export async function insertAssignment(
  tx: Queryable,
  portalId: number,
  contactId: number,
  decision: Omit<AssignmentRow, 'priority'> & { priority?: LeadPriority },
): Promise<void> {
  await tx.query(
    `INSERT INTO assignments (portal_id, contact_id, kind, owner_id, pool_id, rule_id, reason, decided_at, priority) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [portalId, contactId, decision.kind, decision.owner_id, decision.pool_id, decision.rule_id, decision.reason, decision.decided_at, decision.priority ?? 'normal'],
  );
}
