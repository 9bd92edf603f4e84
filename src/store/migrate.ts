import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db';
import { LOCK_KEYS } from './lock-keys';

export const MIGRATIONS_DIR = join(__dirname, 'migrations');

export interface Migration {
  version: string;
  sql: string;
}

/** The ordered `NNNN_name.sql` files of a folder. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ version: name.replace(/\.sql$/, ''), sql: readFileSync(join(dir, name), 'utf8') }));
}

/** Applies the migrations not yet recorded, each in its own transaction; returns the versions applied now. */
export async function migrate(db: Db, migrations = readMigrations()): Promise<string[]> {
  const result = await db.withLock(LOCK_KEYS.migrations, async () => {
    await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set(
      (await db.query<{ version: string }>('SELECT version FROM schema_migrations')).map((row) => row.version),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await db.transaction(async (tx) => {
        await tx.exec(migration.sql);
        await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [migration.version]);
      });
      applied.push(migration.version);
    }
    return applied;
  });
  return result.acquired ? result.value : [];
}

/** The migrations this build knows that the database has not recorded (empty when ready). */
export async function pendingMigrations(db: Db, migrations = readMigrations()): Promise<string[]> {
  const rows = await db
    .query<{ version: string }>('SELECT version FROM schema_migrations')
    .catch(() => [] as { version: string }[]);
  const done = new Set(rows.map((row) => row.version));
  return migrations.map((m) => m.version).filter((version) => !done.has(version));
}
