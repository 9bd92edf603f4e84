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
  /** The first portal's scenario. */
  applied: AppliedScenario;
  /** Every portal's scenario, by portal id. */
  portals: Map<number, AppliedScenario>;
  service: Service;
  close(): Promise<void>;
}

/**
 * The real service on a fresh database of `kind` (its own PostgreSQL schema, or a PGlite directory), installed
 * through OAuth into portals of the HubSpot emulator that each hold a seeded scenario (the seed moved by the
 * portal's index); workers and jobs are left for the benchmark to drive.
 */
export async function startBenchService(
  kind: 'pglite' | 'postgres',
  options: {
    portalId: number;
    portals?: number;
    scenario: Parameters<typeof generateScenario>[0];
    rateLimit?: HubspotSandboxOptions['rateLimit'];
    /** Run the service's own inbox workers and outbox writer in the background (default: the benchmark drives them). */
    pipeline?: boolean;
  },
): Promise<BenchService> {
  const portalIds = Array.from({ length: options.portals ?? 1 }, (_, i) => options.portalId + i);
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'lead-manager-bench-'));
  const db = await openDb(kind === 'postgres' ? { databaseUrl: process.env.DATABASE_URL, schema } : { dataDir });
  const sandbox = createHubspotSandbox({
    portals: portalIds.map((portalId) => ({ portalId, user: { id: BENCH_USER, email: 'admin@example.com' } })),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  const portals = new Map(
    portalIds.map((portalId, i) => [
      portalId,
      applyScenario(sandbox.state, generateScenario({ ...options.scenario, seed: options.scenario.seed + i }), { portalId, appId: sandbox.app.appId }),
    ]),
  );
  const emulator = await sandbox.listen();
  const port = await freePort();
  const service = await startService({
    config: loadConfig({ PORT: String(port), APP_BASE_URL: `http://localhost:${port}`, LOG_LEVEL: 'silent' }),
    hubspot: { clientId: sandbox.app.clientId, clientSecret: sandbox.app.clientSecret, appId: sandbox.app.appId, apiBase: emulator.url },
    tokenEncryptionKey: randomBytes(32),
    logger: silentLogger,
    db,
    jobs: false,
    pipeline: options.pipeline ?? false,
    backfillOnInstall: false,
  });
  for (const portalId of portalIds) {
    sandbox.setInstallingPortal(portalId);
    await installThroughOAuth(service.url);
  }
  return {
    sandbox,
    applied: portals.get(portalIds[0]!)!,
    portals,
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
