import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { loadConfig } from '../src/config';
import { silentLogger } from '../src/log';
import { applyScenario, createHubspotSandbox, generateScenario, sendWebhooks } from '../src/sandbox';
import { installThroughOAuth } from '../src/sandbox-mode';
import { startService } from '../src/service';
import { openDb } from '../src/store/db';
import type { BenchRow } from './gateway-overhead';

const PORTAL = 90_001;
const EVENTS_PER_CONTACT = 7.7; // what the scenario generator produces on average

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A sandbox scenario from webhook to HubSpot properties. Baseline: the same events only acked into the
 * inbox (HubSpot's side of the work) in the same run; ours: acked, scored and written back.
 */
export async function pipelineBench(kind: 'pglite' | 'postgres', events: number): Promise<BenchRow[]> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'lead-manager-bench-'));
  const db = await openDb(kind === 'postgres' ? { databaseUrl: process.env.DATABASE_URL, schema } : { dataDir });
  const sandbox = createHubspotSandbox({ portals: [{ portalId: PORTAL }] });
  const scenario = generateScenario({ seed: 99, contacts: Math.round(events / EVENTS_PER_CONTACT), days: 30 });
  const applied = applyScenario(sandbox.state, scenario, { portalId: PORTAL, appId: sandbox.app.appId });
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
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    await installThroughOAuth(service.url);
    const started = process.hrtime.bigint();
    const report = await sendWebhooks({ targetUrl: `${service.url}/webhooks/hubspot`, clientSecret: sandbox.app.clientSecret, events: applied.events });
    const acked = process.hrtime.bigint();
    const workers = service.workers.map((worker) => worker.drain());
    await Promise.all(workers);
    await service.writer.flushAll();
    const finished = process.hrtime.bigint();
    const seconds = (from: bigint, to: bigint) => Number(to - from) / 1e9;
    const calls = sandbox.calls.all({ portalId: PORTAL }).filter((call) => call.path.startsWith('/crm/'));
    const [written] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM contacts WHERE written <> '{}'::jsonb");
    const ackRate = report.delivered / seconds(started, acked);
    const endToEnd = report.delivered / seconds(started, finished);
    return [
      {
        name: `pipeline on ${kind}: ${report.delivered} events, ${scenario.contacts.length} contacts, webhook → HubSpot properties (events/s)`,
        ours: endToEnd.toFixed(0),
        baseline: `${ackRate.toFixed(0)} (ack into inbox only)`,
        ratio: (endToEnd / ackRate).toFixed(2),
      },
      {
        name: `pipeline on ${kind}: HubSpot calls per contact written (${written?.n ?? 0} written, ${calls.length} calls); peak RSS MB`,
        ours: (calls.length / Math.max(written?.n ?? 1, 1)).toFixed(3),
        baseline: `${(peakRss / 2 ** 20).toFixed(0)} MB peak RSS`,
        ratio: '-',
      },
    ];
  } finally {
    clearInterval(sampler);
    await service.stop();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (kind === 'postgres') {
      const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    }
  }
}
