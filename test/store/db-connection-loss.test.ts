import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import { runJobOnce } from '../../src/jobs/schedule-job';
import { openDb, type Db } from '../../src/store/db';
import { databaseUrl, testDatabases } from '../support/databases';

const postgres = testDatabases.find((database) => database.name === 'postgres');
const onPostgres = postgres ? describe : describe.skip;
if (!postgres) console.warn('DATABASE_URL is not set: the PostgreSQL connection-loss suite is skipped.');

/** Ends a backend from outside, as a server restart or an operator's pg_terminate_backend does. */
async function terminate(pid: number): Promise<void> {
  const admin = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  } finally {
    await admin.end();
  }
  await sleep(200); // the client learns its server went away while it holds no statement
}

const pidOf = async (conn: { query: Db['query'] }) => (await conn.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0]!.pid;

onPostgres('a PostgreSQL connection that goes away is an error to handle, never a crash', () => {
  let db: Db;

  beforeAll(async () => {
    db = await postgres!.open();
    await db.query('CREATE TABLE IF NOT EXISTS loss_probe (id int PRIMARY KEY)');
  });
  afterAll(() => db.close());

  it('fails the transaction whose connection is terminated between two statements, keeps none of it, and runs the next one', async () => {
    const attempt = db.transaction(async (tx) => {
      await tx.query('INSERT INTO loss_probe (id) VALUES (1)');
      await terminate(await pidOf(tx));
      await tx.query('INSERT INTO loss_probe (id) VALUES (2)');
    });

    await expect(attempt).rejects.toThrow(/terminat/i);
    expect(await db.query('SELECT id FROM loss_probe')).toEqual([]);
    await db.transaction((tx) => tx.query('INSERT INTO loss_probe (id) VALUES (3)'));
    expect(await db.query('SELECT id FROM loss_probe')).toEqual([{ id: 3 }]);
  });

  it('ends a tick whose lock connection is terminated mid-run; the lock is free for the next tick', async () => {
    let runs = 0;
    const job = { name: 'probe', schedule: '* * * * *', lockKey: 917_001, run: async (): Promise<number> => {
      runs += 1;
      if (runs === 1) {
        const [{ pid }] = await db.query<{ pid: number }>(
          'SELECT pid FROM pg_locks WHERE locktype = $1 AND objid = $2 AND granted',
          ['advisory', job.lockKey],
        ) as [{ pid: number }];
        await terminate(pid);
      }
      return runs;
    } };

    // The job's own work stands; the lock went with its connection (the server frees it), which is destroyed.
    expect(await runJobOnce(job, db, new Date())).toEqual({ acquired: true, value: 1 });
    expect(await runJobOnce(job, db, new Date())).toEqual({ acquired: true, value: 2 });
  });

  it('answers the next query after every connection of the pool was terminated', async () => {
    const pids = await Promise.all([db.transaction(pidOf), db.transaction(pidOf)]);
    for (const pid of new Set(pids)) await terminate(pid);
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

describe('the embedded database', () => {
  it('reports a fault inside its WebAssembly once, as fatal, rather than failing every statement silently', async () => {
    const fatal: Error[] = [];
    const db = await openDb({ onFatal: (error) => fatal.push(error) });
    try {
      await expect(db.query(`SELECT (repeat('[', 1100) || repeat(']', 1100))::jsonb`)).rejects.toThrow();
      await expect(db.query('SELECT 1')).rejects.toThrow();
      expect(fatal).toHaveLength(1);
      expect(fatal[0]!.name).toBe('RuntimeError');
    } finally {
      await db.close().catch(() => undefined);
    }
  });
});
