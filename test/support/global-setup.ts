import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/store/db';
import { migrate, readMigrations } from '../../src/store/migrate';

/**
 * Runs initdb and the migrations once into a PGlite data directory that every test file copies
 * (~0.6 s instead of ~3.5 s). Keyed by the migrations' content, so a changed migration rebuilds it.
 */
export default async function globalSetup(): Promise<void> {
  const migrations = readMigrations();
  const hash = createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `lead-manager-pglite-${hash}`);
  process.env.PGLITE_TEMPLATE = dir;
  if (existsSync(dir)) return;
  const building = mkdtempSync(`${dir}-`);
  const db = await openDb({ dataDir: building });
  await migrate(db, migrations);
  await db.close();
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another run built it meanwhile
  }
}
