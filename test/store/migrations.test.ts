import { migrate, pendingMigrations, readMigrations } from '../../src/store/migrate';
import { openSibling, testDatabases } from '../support/databases';

describe.each(testDatabases)('migrations on $name', (database) => {
  it('apply every migration on an empty database, then nothing the second time', async () => {
    const db = await database.open({ migrated: false });
    try {
      const all = readMigrations().map((m) => m.version);
      expect(await pendingMigrations(db)).toEqual(all);
      expect(await migrate(db)).toEqual(all);
      expect(await migrate(db)).toEqual([]);
      expect(await pendingMigrations(db)).toEqual([]);
      const tables = await db.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`,
      );
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['installations', 'oauth_states', 'schema_migrations']));
    } finally {
      await db.close();
    }
  });

  it('apply each migration exactly once when two starts race', async () => {
    const db = await database.open({ migrated: false });
    const other = database.name === 'postgres' ? await openSibling(db) : db;
    try {
      const [first, second] = await Promise.all([migrate(db), migrate(other)]);
      expect([...first, ...second].sort()).toEqual(readMigrations().map((m) => m.version));
      const recorded = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(recorded[0]!.n).toBe(readMigrations().length);
    } finally {
      if (other !== db) await other.close();
      await db.close();
    }
  });

  it('roll a failing migration back whole and record nothing for it', async () => {
    const db = await database.open({ migrated: false });
    try {
      const broken = [
        ...readMigrations(),
        { version: '9999_broken', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();' },
      ];
      await expect(migrate(db, broken)).rejects.toThrow(/no_such_function/);
      expect(await pendingMigrations(db, broken)).toEqual(['9999_broken']);
      const halfDone = await db.query(`SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'half_done'`);
      expect(halfDone).toHaveLength(0);
    } finally {
      await db.close();
    }
  });
});
