import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { openDb, type Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';

/** A database a test suite runs against: embedded PGlite always, PostgreSQL when DATABASE_URL is set. */
export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** A new, migrated, empty database of this kind, isolated from every other test file. */
  open(options?: { migrated?: boolean }): Promise<Db>;
}

export const databaseUrl = process.env.DATABASE_URL;

if (!databaseUrl && !process.env.SKIP_NOTICE_SHOWN) {
  process.env.SKIP_NOTICE_SHOWN = '1';
  // eslint-disable-next-line no-console
  console.warn('DATABASE_URL is not set: PostgreSQL variants of the store tests are skipped (PGlite variants run).');
}

const pglite: TestDatabase = {
  name: 'pglite',
  async open({ migrated = true } = {}) {
    const template = process.env.PGLITE_TEMPLATE;
    if (!migrated || !template) {
      const db = await openDb({});
      if (migrated) await migrate(db);
      return db;
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'lead-manager-test-'));
    cpSync(template, dataDir, { recursive: true });
    const db = await openDb({ dataDir });
    const close = db.close.bind(db);
    return Object.assign(db, {
      async close() {
        await close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    });
  },
};

const postgres: TestDatabase = {
  name: 'postgres',
  async open({ migrated = true } = {}) {
    const schema = uniqueSchemaName();
    const db = await openDb({ databaseUrl, schema, maxConnections: 5 });
    if (migrated) await migrate(db);
    const close = db.close.bind(db);
    return Object.assign(db, {
      async close() {
        await close();
        await dropSchema(schema);
      },
    });
  },
};

/** Opens a second connection pool onto the same isolated PostgreSQL schema (another "instance"). */
export async function openSibling(db: Db): Promise<Db> {
  const schema = (await db.query<{ s: string }>('SELECT current_schema() AS s'))[0]!.s;
  return openDb({ databaseUrl, schema, maxConnections: 5 });
}

export function uniqueSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await pool.end();
  }
}

/** The databases to run a store suite against, for `describe.each`. */
export const testDatabases: TestDatabase[] = databaseUrl ? [pglite, postgres] : [pglite];

/** Empties every application table (not the migrations record), between tests. */
export async function truncateAll(db: Db): Promise<void> {
  const tables = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
  );
  if (tables.length > 0) await db.exec(`TRUNCATE ${tables.map((t) => `"${t.name}"`).join(', ')} RESTART IDENTITY`);
}
