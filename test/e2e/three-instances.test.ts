import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { loadConfig } from '../../src/config';
import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema, type PortalSettings } from '../../src/domain/portal-settings';
import { DEFAULT_SCORING_MODEL } from '../../src/domain/scoring';
import { WEBHOOKS_PATH } from '../../src/ingest/webhooks-router';
import { silentLogger } from '../../src/log';
import {
  applyScenario,
  createHubspotSandbox,
  generateScenario,
  sendWebhooks,
  type AppliedScenario,
  type HubspotSandbox,
  type ListeningSandbox,
} from '../../src/sandbox';
import { installThroughOAuth } from '../../src/sandbox-mode';
import { startService } from '../../src/service';
import { openDb, type Db } from '../../src/store/db';
import { maxInRollingWindow } from '../hubspot/gateway-test-kit';
import { freePort } from '../support/free-port';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
const PORTALS = [83_001, 83_002, 83_003];
const CONTACTS = 100;
const scenarioOf = (index: number) => generateScenario({ seed: 40 + index, contacts: CONTACTS, days: 30 });
/** What routing decides depends on arrival order by design (whose turn it is), and timestamps on the clock. */
const ORDER_DEPENDENT = /^(hubspot_owner_id|lm_routing_.*|lm_sla_.*|.*_at)$/;

if (!databaseUrl || !redisUrl) {
  // eslint-disable-next-line no-console
  console.warn('DATABASE_URL or REDIS_URL is not set: the three-instance test (one web, two workers on PostgreSQL and Redis) is skipped.');
}
const describeShared = databaseUrl && redisUrl ? describe : describe.skip;

/** The emulator's portals, each holding its seeded scenario, with HubSpot's rate limits on. */
function arrange(): { sandbox: HubspotSandbox; applied: AppliedScenario[] } {
  const sandbox = createHubspotSandbox({ portals: PORTALS.map((portalId) => ({ portalId })) });
  const applied = PORTALS.map((portalId, index) => applyScenario(sandbox.state, scenarioOf(index), { portalId, appId: sandbox.app.appId }));
  return { sandbox, applied };
}

/** Every portal's contacts' app properties in HubSpot, but for what depends on the order of arrival or the clock. */
function hubspotOutcome(sandbox: HubspotSandbox, applied: AppliedScenario[]) {
  return PORTALS.map((portalId, index) =>
    [...applied[index]!.ids.contacts.values()].sort().map((id) => {
      const properties = sandbox.state.properties(portalId, 'contacts', id) ?? {};
      return [id, Object.fromEntries(Object.entries(properties).filter(([name]) => (name.startsWith('lm_') || name === 'lifecyclestage') && !ORDER_DEPENDENT.test(name)))];
    }),
  );
}

/** Low bars and one round-robin pool of reps who work around the clock, so that leads are assigned while events stream in. */
function routingSettings(owners: readonly string[]): PortalSettings {
  const allDay = [{ start: '00:00', end: '24:00' }];
  const everyDay = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
  const reps = owners.slice(0, 4);
  return portalSettingsSchema.parse({
    ...DEFAULT_PORTAL_SETTINGS,
    scoring: { ...DEFAULT_SCORING_MODEL, thresholds: { mql: 30, sql: 50, minGradeForSql: 'C' } },
    routing: {
      useCompanyOwner: false,
      rules: [],
      defaultPool: 'inbound',
      pools: [{ id: 'inbound', label: 'Inbound', strategy: 'round_robin', managerOwnerId: reps[0], members: reps.map((ownerId) => ({ ownerId })) }],
      reps: Object.fromEntries(reps.map((id) => [id, { calendar: { timeZone: 'UTC', workingHours: everyDay, holidays: {} } }])),
    },
  });
}

async function publishRouting(db: Db, applied: AppliedScenario[]): Promise<void> {
  for (const [index, portalId] of PORTALS.entries()) {
    await db.query(
      `INSERT INTO settings_versions (portal_id, version, settings, created_by, published_at, published_by, note) VALUES ($1, 1, $2, 'test', now(), 'test', 'routing')`,
      [portalId, JSON.stringify(routingSettings([...applied[index]!.ids.owners.values()]))],
    );
  }
}

/** Nothing left to do: inbox and outbox empty, nothing dead, every backfill done. */
async function settled(db: Db): Promise<boolean> {
  const [row] = await db.query<{ inbox: number; outbox: number; backfills: number }>(
    `SELECT (SELECT count(*) FROM inbox WHERE processed_at IS NULL) AS inbox, (SELECT count(*) FROM outbox) AS outbox,
            (SELECT count(*) FROM backfills WHERE state = 'done' AND portal_id = ANY($1::bigint[])) AS backfills`,
    [PORTALS],
  );
  return row!.inbox === 0 && row!.outbox === 0 && row!.backfills === PORTALS.length;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const schemaUrl = (schema: string) => `${databaseUrl}${databaseUrl!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

describeShared('one web and two worker processes on one PostgreSQL and Redis', () => {
  const schema = `three_${randomBytes(4).toString('hex')}`;
  let reference: ReturnType<typeof hubspotOutcome>;
  let emulator: ListeningSandbox;
  let db: Db;
  const processes: ServiceProcess[] = [];

  /** The same portals and events through one in-process service: what a single instance leaves in HubSpot. */
  beforeAll(async () => {
    const { sandbox, applied } = arrange();
    const listening = await sandbox.listen();
    const refSchema = `${schema}_ref`;
    const refDb = await openDb({ databaseUrl, schema: refSchema });
    const port = await freePort();
    const service = await startService({
      config: loadConfig({ PORT: String(port), APP_BASE_URL: `http://localhost:${port}`, LOG_LEVEL: 'silent' }),
      hubspot: { clientId: sandbox.app.clientId, clientSecret: sandbox.app.clientSecret, appId: sandbox.app.appId, apiBase: listening.url },
      tokenEncryptionKey: randomBytes(32),
      logger: silentLogger,
      db: refDb,
      jobs: false,
      backfillPollMs: 500,
    });
    try {
      await publishRouting(refDb, applied);
      for (const portalId of PORTALS) {
        sandbox.setInstallingPortal(portalId);
        await installThroughOAuth(service.url);
      }
      const events = applied.flatMap((scenario) => scenario.events);
      await sendWebhooks({ targetUrl: `${service.url}${WEBHOOKS_PATH}`, clientSecret: sandbox.app.clientSecret, events });
      await until(() => settled(refDb), 'the single instance to settle', 120_000);
      reference = hubspotOutcome(sandbox, applied);
    } finally {
      await service.stop();
      await listening.close();
      const pool = new Pool({ connectionString: databaseUrl, max: 1 });
      await pool.query(`DROP SCHEMA IF EXISTS ${refSchema} CASCADE`);
      await pool.end();
    }
  }, 180_000);

  afterAll(async () => {
    for (const child of processes) if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
    await Promise.all(processes.map((child) => child.exited));
    await db?.close();
    await emulator?.close();
    const pool = new Pool({ connectionString: databaseUrl, max: 1 });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  it('processes every event once in effect, within each portal\u2019s budget, runs each job once per tick, and survives kill -9 of a worker', async () => {
    const { sandbox, applied } = arrange();
    emulator = await sandbox.listen();
    db = await openDb({ databaseUrl, schema, maxConnections: 2 });
    const webPort = await freePort();
    const shared = {
      HUBSPOT_CLIENT_ID: sandbox.app.clientId,
      HUBSPOT_CLIENT_SECRET: sandbox.app.clientSecret,
      HUBSPOT_API_BASE: emulator.url,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      APP_BASE_URL: `http://localhost:${webPort}`,
      DATABASE_URL: schemaUrl(schema),
      REDIS_URL: redisUrl,
      LEASE_MS: '5000',
    };
    const start = async (role: 'web' | 'worker', port?: number) => {
      const child = startServiceProcess(port ?? (await freePort()), { ...shared, ROLE: role });
      processes.push(child);
      await child.ready();
      return child;
    };
    const web = await start('web', webPort);
    await publishRouting(db, applied);
    const [first, second] = await Promise.all([start('worker'), start('worker')]);
    // A worker serves health and metrics only.
    expect((await fetch(`${first!.url}${WEBHOOKS_PATH}`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${first!.url}/metrics`)).status).toBe(200);

    for (const portalId of PORTALS) {
      sandbox.setInstallingPortal(portalId);
      await installThroughOAuth(web.url);
    }
    const events = applied.flatMap((scenario) => scenario.events);
    const streaming = sendWebhooks({ targetUrl: `${web.url}${WEBHOOKS_PATH}`, clientSecret: sandbox.app.clientSecret, events });

    // Mid-stream, while it holds leased events, one worker dies without a word; a supervisor starts another in its place.
    const heldByFirst = () =>
      db.query<{ id: number }>("SELECT id FROM inbox WHERE processed_at IS NULL AND leased_until > now() AND lease_owner LIKE $1", [`%:${first!.child.pid}:%`]);
    await until(async () => (await heldByFirst()).length > 0, 'the first worker to hold leased events', 60_000);
    first!.child.kill('SIGKILL');
    expect((await first!.exited).signal).toBe('SIGKILL');
    const orphaned = (await heldByFirst()).map((row) => row.id);
    const third = await start('worker');
    const bothAliveFrom = Date.now();

    const report = await streaming;
    expect(report.failed).toBe(0);
    await until(() => settled(db), 'the three instances to settle', 120_000);
    // Each per-minute job has had a tick with two workers competing for it.
    await until(
      async () =>
        (await db.query<{ n: number }>("SELECT count(DISTINCT job) AS n FROM job_runs WHERE tick > $1 AND job IN ('send-tasks', 'sla-sweep', 'route-held-leads')", [new Date(bothAliveFrom)]))[0]!.n === 3,
      'a tick of every per-minute job with both workers up',
      75_000,
    );

    // Exactly once in effect: HubSpot holds what a single instance leaves.
    expect(hubspotOutcome(sandbox, applied)).toEqual(reference);
    expect(await db.query('SELECT event_key FROM inbox WHERE dead_at IS NOT NULL')).toEqual([]);
    // The events the dead worker held came back when its leases ran out and another worker processed them.
    expect(orphaned.length).toBeGreaterThan(0);
    const retaken = await db.query<{ processed: boolean; attempts: number; owner: string }>(
      'SELECT processed_at IS NOT NULL AS processed, attempts, lease_owner AS owner FROM inbox WHERE id = ANY($1::bigint[])',
      [orphaned],
    );
    for (const row of retaken) expect({ processed: row.processed, retried: row.attempts >= 2, owner: row.owner.includes(`:${first!.child.pid}:`) }).toEqual({ processed: true, retried: true, owner: false });

    // Within each portal's budget, all instances together, and no 429 of our making.
    for (const portalId of PORTALS) {
      const calls = sandbox.calls.all({ portalId }).filter((call) => call.path.startsWith('/crm/') && !call.path.endsWith('/search'));
      expect({ portalId, peak: maxInRollingWindow(calls.map((call) => call.at), 10_000) <= 110 }).toEqual({ portalId, peak: true });
    }
    expect(sandbox.calls.count({ status: 429 })).toBe(0);

    // No lead assigned twice.
    expect(await db.query("SELECT portal_id, contact_id FROM assignments WHERE kind = 'assigned' GROUP BY portal_id, contact_id HAVING count(*) > 1")).toEqual([]);
    expect((await db.query<{ n: number }>("SELECT count(*) AS n FROM assignments WHERE kind = 'assigned'"))[0]!.n).toBeGreaterThan(0);

    // Each job once per tick: one 'job ran' line per job and tick across every process's log, and each tick recorded
    // while two workers were up was run and logged by one of them. The web process runs no jobs.
    const runs = (child: ServiceProcess) => child.logs().filter((line) => line.msg === 'job ran').map((line) => `${String(line.job)}@${String(line.tick)}`);
    const recorded = (await db.query<{ job: string; tick: Date }>('SELECT job, tick FROM job_runs WHERE tick > $1', [new Date(bothAliveFrom)])).map(
      (row) => `${row.job}@${row.tick.toISOString()}`,
    );
    expect(recorded.length).toBeGreaterThanOrEqual(3);
    // A run is logged when it ends.
    await until(async () => recorded.every((run) => processes.flatMap(runs).includes(run)), 'the recorded job runs to be logged', 30_000).catch(() => undefined);
    const ran = processes.flatMap(runs);
    expect(ran.length).toBe(new Set(ran).size);
    for (const run of recorded) expect(ran).toContain(run);
    expect(runs(web)).toEqual([]);

    for (const child of [web, second!, third]) child.child.kill('SIGTERM');
    for (const child of [web, second!, third]) expect((await child.exited).code).toBe(0);
  }, 300_000);
});
