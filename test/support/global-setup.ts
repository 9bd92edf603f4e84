import { createHash } from 'node:crypto';
import { existsSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/store/db';
import { migrate, readMigrations } from '../../src/store/migrate';

/**
 * Runs initdb and the migrations once into a PGlite dump that every test file starts from
 * (~0.7 s instead of ~3.5 s). Keyed by the migrations' content, so a changed migration rebuilds it.
 */
export default async function globalSetup(): Promise<void> {
  const migrations = readMigrations();
  const hash = createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `lead-manager-pglite-${hash}.tar.gz`);
  process.env.PGLITE_TEMPLATE = file;
  if (existsSync(file)) return;
  const db = await openDb({});
  await migrate(db, migrations);
  const dump = await db.dumpDataDir!();
  await db.close();
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
}
