import type { Db } from '../../src/store/db';
import { testDatabases } from '../support/databases';

describe.each(testDatabases)('a loop of awaited statements on $name', (database) => {
  let db: Db;
  beforeAll(async () => (db = await database.open()));
  afterAll(() => db.close());

  it('lets timers run while it goes on, in and out of transactions', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const started = performance.now();
    try {
      for (let i = 0; i < 1_000; i += 1) {
        await db.query('SELECT $1::int AS i', [i]);
        await db.transaction(async (tx) => tx.query('SELECT $1::int AS i', [i]));
      }
    } finally {
      clearInterval(timer);
    }
    const elapsed = performance.now() - started;
    // Generous: a timer every 5 ms should fire at least once for every 100 ms the loop took.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 100));
    expect(ticks).toBeGreaterThan(0);
  });
});
