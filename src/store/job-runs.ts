import type { Queryable } from './db';

/** How long the record of a tick is kept: long enough to count runs, short enough to stay small. */
const KEPT_MS = 7 * 86_400_000;

/**
 * Claims `job`'s run at `tick` for `runner`: true for the first instance to ask, false for every other. Drops the
 * job's records older than a week on the way.
 */
export async function claimJobTick(db: Queryable, job: string, tick: Date, runner: string, now: Date): Promise<boolean> {
  await db.query('DELETE FROM job_runs WHERE job = $1 AND tick < $2', [job, new Date(tick.getTime() - KEPT_MS)]);
  const claimed = await db.query('INSERT INTO job_runs (job, tick, runner, started_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING tick', [
    job,
    tick,
    runner,
    now,
  ]);
  return claimed.length > 0;
}
