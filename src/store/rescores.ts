import type { Queryable } from './db';

/** A publish-rescore as the database keeps it: any instance reads the progress of one another instance runs. */
export interface RescoreRow {
  state: 'running' | 'done' | 'failed';
  version: number;
  done: number;
  total: number;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  lastError: string | null;
}

export async function startRescore(db: Queryable, portalId: number, version: number, total: number, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO rescores (portal_id, state, version, done, total, started_at, updated_at) VALUES ($1, 'running', $2, 0, $3, $4, $4)
     ON CONFLICT (portal_id) DO UPDATE SET state = 'running', version = $2, done = 0, total = $3, started_at = $4, updated_at = $4,
       finished_at = NULL, last_error = NULL`,
    [portalId, version, total, now],
  );
}

/** A chunk settled: counted in the chunk's own transaction, so the progress never runs ahead of what committed. */
export async function advanceRescore(tx: Queryable, portalId: number, contacts: number, now: Date): Promise<void> {
  await tx.query('UPDATE rescores SET done = done + $2, updated_at = $3 WHERE portal_id = $1', [portalId, contacts, now]);
}

export async function finishRescore(db: Queryable, portalId: number, outcome: { failed?: string }, now: Date): Promise<void> {
  await db.query(
    `UPDATE rescores SET state = $2, last_error = $3, finished_at = $4, updated_at = $4 WHERE portal_id = $1`,
    [portalId, outcome.failed === undefined ? 'done' : 'failed', outcome.failed?.slice(0, 2000) ?? null, now],
  );
}

export async function rescoreOf(db: Queryable, portalId: number): Promise<RescoreRow | undefined> {
  const [row] = await db.query<RescoreRow>(
    `SELECT state, version, done, total, started_at AS "startedAt", updated_at AS "updatedAt", finished_at AS "finishedAt", last_error AS "lastError"
     FROM rescores WHERE portal_id = $1`,
    [portalId],
  );
  return row;
}
