import type { Queryable } from './db';

/** Where a portal's backfill stands: the cursor of the last page settled and how many contacts it held. */
export interface BackfillRow {
  state: string;
  cursor: string | null;
  done: number;
  total: number | null;
}

export async function backfillOf(db: Queryable, portalId: number): Promise<BackfillRow | undefined> {
  const [row] = await db.query<BackfillRow>('SELECT state, cursor, done, total FROM backfills WHERE portal_id = $1', [portalId]);
  return row;
}

/** Backfills requested or left running by a stopped process. */
export async function runningBackfills(db: Queryable): Promise<number[]> {
  return (await db.query<{ portal_id: number }>("SELECT portal_id FROM backfills WHERE state = 'running'")).map((row) => row.portal_id);
}

/** Asks for a portal's first backfill: any worker instance picks it up (a backfill already recorded stays as it is). */
export async function requestBackfill(db: Queryable, portalId: number, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO backfills (portal_id, state, cursor, done, total, started_at, updated_at) VALUES ($1, 'running', NULL, 0, NULL, $2, $2)
     ON CONFLICT (portal_id) DO NOTHING`,
    [portalId, now],
  );
}

export async function startBackfill(db: Queryable, portalId: number, from: Omit<BackfillRow, 'state'>, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO backfills (portal_id, state, cursor, done, total, started_at, updated_at) VALUES ($1, 'running', $2, $3, $4, $5, $5)
     ON CONFLICT (portal_id) DO UPDATE SET state = 'running', cursor = $2, done = $3, total = $4, updated_at = $5, finished_at = NULL, last_error = NULL`,
    [portalId, from.cursor, from.done, from.total, now],
  );
}

/** A page settled: the cursor moves past it, in the page's own transaction. */
export async function advanceBackfill(tx: Queryable, portalId: number, cursor: string | null, contacts: number, now: Date): Promise<void> {
  await tx.query('UPDATE backfills SET cursor = $2, done = done + $3, updated_at = $4 WHERE portal_id = $1', [portalId, cursor, contacts, now]);
}

export async function finishBackfill(db: Queryable, portalId: number, outcome: { failed?: string }, now: Date): Promise<void> {
  if (outcome.failed === undefined) {
    await db.query("UPDATE backfills SET state = 'done', finished_at = $2, updated_at = $2 WHERE portal_id = $1", [portalId, now]);
  } else {
    await db.query("UPDATE backfills SET state = 'failed', last_error = $2, updated_at = $3 WHERE portal_id = $1", [portalId, outcome.failed, now]);
  }
}
