import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { loadConfig } from '../src/config';
import { silentLogger } from '../src/log';
import { applyScenario, createHubspotSandbox, generateScenario, type AppliedScenario, type HubspotSandbox, type HubspotSandboxOptions } from '../src/sandbox';
import { installThroughOAuth } from '../src/sandbox-mode';
import { startService, type Service } from '../src/service';
import { openDb } from '../src/store/db';
import { freePort } from '../test/support/free-port';

/** The user who installs the app in a bench portal: the signed calls act as them, so they may publish. */
export const BENCH_USER = 4242;

export interface BenchService {
  sandbox: HubspotSandbox;
  applied: AppliedScenario;
  service: Service;
  close(): Promise<void>;
}

/**
 * The real service on a fresh database of `kind` (its own PostgreSQL schema, or a PGlite directory), installed
 * through OAuth into a portal of the HubSpot emulator that holds a seeded scenario; workers and jobs are left
 * for the benchmark to drive.
 */
export async function startBenchService(
  kind: 'pglite' | 'postgres',
  options: { portalId: number; scenario: Parameters<typeof generateScenario>[0]; rateLimit?: HubspotSandboxOptions['rateLimit'] },
): Promise<BenchService> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'lead-manager-bench-'));
  const db = await openDb(kind === 'postgres' ? { databaseUrl: process.env.DATABASE_URL, schema } : { dataDir });
  const sandbox = createHubspotSandbox({
    portals: [{ portalId: options.portalId, user: { id: BENCH_USER, email: 'admin@example.com' } }],
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  const applied = applyScenario(sandbox.state, generateScenario(options.scenario), { portalId: options.portalId, appId: sandbox.app.appId });
  const emulator = await sandbox.listen();
  const port = await freePort();
  const service = await startService({
    config: loadConfig({ PORT: String(port), APP_BASE_URL: `http://localhost:${port}`, LOG_LEVEL: 'silent' }),
    hubspot: { clientId: sandbox.app.clientId, clientSecret: sandbox.app.clientSecret, appId: sandbox.app.appId, apiBase: emulator.url },
    tokenEncryptionKey: randomBytes(32),
    logger: silentLogger,
    db,
    jobs: false,
    pipeline: false,
    backfillOnInstall: false,
  });
  await installThroughOAuth(service.url);
  return {
    sandbox,
    applied,
    service,
    async close() {
      await service.stop();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (kind === 'postgres') {
        const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
        await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await pool.end();
      }
    },
  };
}
