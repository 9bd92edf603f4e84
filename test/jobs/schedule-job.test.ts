import { runJobTick, type JobDefinition } from '../../src/jobs/schedule-job';
import type { Db } from '../../src/store/db';
import { openSibling, testDatabases } from '../support/databases';

/** A lock key of this file's own, clear of every key the app takes. */
const LOCK_KEY = 7_041_990;

describe.each(testDatabases)('a scheduled job on $name', (database) => {
  let db: Db;
  let sibling: Db;
  beforeAll(async () => {
    db = await database.open();
    // Another instance: its own connection pool on PostgreSQL, the same embedded database on PGlite.
    sibling = database.name === 'postgres' ? await openSibling(db) : db;
  });
  afterAll(async () => {
    if (sibling !== db) await sibling.close();
    await db.close();
  });

  const counting = (name: string) => {
    const runs: Date[] = [];
    const job: JobDefinition = { name, schedule: '* * * * *', lockKey: LOCK_KEY, run: async (now) => runs.push(now) };
    return { job, runs };
  };

  it('runs once per tick across instances, even when the second asks after the first has finished', async () => {
    const { job, runs } = counting('tick-once');
    const tick = new Date('2026-12-01T10:15:00.000Z');
    // Both instances' timers fire for the same tick, a few milliseconds apart.
    expect(await runJobTick(job, db, new Date(tick.getTime() + 3), new Date())).toMatchObject({ acquired: true });
    expect(await runJobTick(job, sibling, new Date(tick.getTime() + 40), new Date())).toEqual({ acquired: false });
    expect(runs).toHaveLength(1);
    // The next tick runs again, on whichever instance asks first.
    expect(await runJobTick(job, sibling, new Date(tick.getTime() + 60_000), new Date())).toMatchObject({ acquired: true });
    expect(runs).toHaveLength(2);
    expect(await db.query("SELECT tick FROM job_runs WHERE job = 'tick-once' ORDER BY tick")).toEqual([
      { tick: tick },
      { tick: new Date(tick.getTime() + 60_000) },
    ]);
  });

  it('keeps a week of ticks', async () => {
    const { job } = counting('tick-kept');
    const old = new Date('2026-11-01T00:00:00.000Z');
    await runJobTick(job, db, old, old);
    await runJobTick(job, db, new Date(old.getTime() + 8 * 86_400_000), new Date());
    expect(await db.query("SELECT tick FROM job_runs WHERE job = 'tick-kept'")).toEqual([{ tick: new Date(old.getTime() + 8 * 86_400_000) }]);
  });
});
