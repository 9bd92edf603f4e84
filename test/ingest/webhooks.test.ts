import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { createHttpApp } from '../../src/http/app';
import { webhooksRouter } from '../../src/ingest/webhooks-router';
import { signV3 } from '../../src/hubspot/signature';
import { TokenCipher } from '../../src/store/token-cipher';
import { silentLogger } from '../../src/log';
import { InboxWriter } from '../../src/ingest/inbox-writer';
import { InstalledPortals } from '../../src/ingest/webhook-portals';
import { applyScenario, createHubspotSandbox, generateScenario, sendWebhooks } from '../../src/sandbox';
import { seededRandom } from '../../src/sandbox/random';
import type { Db } from '../../src/store/db';
import { InstallationRepository } from '../../src/store/installations';
import { testDatabases, truncateAll } from '../support/databases';

const SECRET = 'webhook-client-secret';
/** The public URL HubSpot calls; the test server sits behind it like behind a proxy. */
const BASE = 'https://leads.example.com';
const TARGET = `${BASE}/webhooks/hubspot`;
const PORTAL = 62_515;
const START = Date.parse('2026-03-02T10:00:00Z');

type Event = Record<string, unknown>;

/** A contact property change as HubSpot sends it; `i` makes it distinct. */
function event(i: number, overrides: Event = {}): Event {
  return {
    eventId: 1_000 + i,
    subscriptionId: 2_100_001,
    portalId: PORTAL,
    appId: 3_000_001,
    occurredAt: START - 60_000 + i,
    subscriptionType: 'contact.propertyChange',
    attemptNumber: 0,
    objectId: 501 + (i % 40),
    propertyName: 'hs_analytics_num_page_views',
    propertyValue: String(i),
    changeSource: 'ANALYTICS',
    ...overrides,
  };
}

const events = (count: number, from = 0, overrides: Event = {}) => Array.from({ length: count }, (_, i) => event(from + i, overrides));

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

interface Endpoint {
  url: string;
  registry: Registry;
  inbox: InboxWriter;
  stop(): Promise<void>;
}

/** The real router in the real express app, on a real database, listening on a real port. */
async function startEndpoint(db: Db, now: () => Date): Promise<Endpoint> {
  const registry = new Registry();
  const inbox = new InboxWriter({ db, registry });
  const app = createHttpApp(
    [
      webhooksRouter({
        clientSecret: SECRET,
        appBaseUrl: BASE,
        inbox,
        portals: new InstalledPortals({ db, now }),
        registry,
        logger: silentLogger,
        now,
      }),
    ],
    silentLogger,
  );
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    registry,
    inbox,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function metricValue(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = registry.getSingleMetric(name.replace(/_(sum|count)$/, ''));
  const values = (await metric!.get()).values as { metricName?: string; labels: Record<string, unknown>; value: number }[];
  const found = values.find(
    (v) => (v.metricName ?? name) === name && Object.entries(labels).every(([key, value]) => v.labels[key] === value),
  );
  return found?.value ?? 0;
}

describe.each(testDatabases)('POST /webhooks/hubspot on $name', (database) => {
  let realDb: Db;
  /** The database, or (while `databaseDown`) one whose every query fails like an unreachable server. */
  let db: Db;
  let databaseDown = false;
  let clock = new Date(START);
  let endpoint: Endpoint;
  const installations = () => new InstallationRepository(realDb, new TokenCipher(randomBytes(32)));

  beforeAll(async () => {
    realDb = await database.open();
    db = {
      ...realDb,
      query: <Row,>(sql: string, params?: unknown[]) =>
        databaseDown
          ? Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))
          : realDb.query<Row>(sql, params),
    };
  });
  afterAll(async () => {
    await realDb.close();
  });
  beforeEach(async () => {
    databaseDown = false;
    clock = new Date(START);
    await truncateAll(realDb);
    await install(PORTAL);
    endpoint = await startEndpoint(db, () => clock);
  });
  afterEach(async () => {
    await endpoint.stop();
  });

  async function install(portalId: number): Promise<void> {
    await installations().upsert(
      { portalId, hubDomain: undefined, scopes: [], userId: undefined, userEmail: undefined, accessToken: 'a', refreshToken: 'r', expiresAt: clock },
      clock,
    );
  }

  interface PostOptions {
    /** What is signed, when it differs from what is sent. */
    signedBody?: string;
    signedUri?: string;
    secret?: string;
    timestamp?: number;
    omit?: 'signature' | 'timestamp';
  }

  async function post(body: unknown, options: PostOptions = {}): Promise<{ status: number; json: Record<string, unknown> }> {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const timestamp = options.timestamp ?? clock.getTime();
    const signature = signV3({
      clientSecret: options.secret ?? SECRET,
      method: 'POST',
      uri: options.signedUri ?? TARGET,
      body: options.signedBody ?? text,
      timestamp,
    });
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (options.omit !== 'signature') headers['X-HubSpot-Signature-v3'] = signature;
    if (options.omit !== 'timestamp') headers['X-HubSpot-Request-Timestamp'] = String(timestamp);
    const response = await fetch(`${endpoint.url}/webhooks/hubspot`, { method: 'POST', body: text, headers });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  const inboxCount = async () => (await realDb.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox'))[0]!.n;
  const rejectedCount = async () => (await realDb.query<{ n: number }>('SELECT count(*)::int AS n FROM rejected_events'))[0]!.n;

  describe('refuses unsigned or wrongly signed requests with 401 and stores nothing', () => {
    it.each<[string, () => PostOptions]>([
      ['a signature made with another secret', () => ({ secret: 'not-the-secret' })],
      ['a timestamp older than 5 minutes', () => ({ timestamp: clock.getTime() - 5 * 60_000 - 1 })],
      ['a timestamp more than 5 minutes ahead', () => ({ timestamp: clock.getTime() + 5 * 60_000 + 1 })],
      ['no signature header', () => ({ omit: 'signature' })],
      ['no timestamp header', () => ({ omit: 'timestamp' })],
      ['a tampered body', () => ({ signedBody: JSON.stringify(events(3, 0, { propertyValue: '1' })) })],
      ['a signature over the URL the proxy forwarded rather than the public one', () => ({ signedUri: `${endpoint.url}/webhooks/hubspot` })],
    ])('%s', async (_case, options) => {
      const response = await post(events(3), options());
      expect(response.status).toBe(401);
      expect(Object.keys(response.json)).toEqual(['error']);
      expect(await inboxCount()).toBe(0);
      expect(await rejectedCount()).toBe(0);
      expect(await metricValue(endpoint.registry, 'lead_manager_webhook_requests_total', { outcome: 'unauthorized' })).toBe(1);
    });
  });

  it('accepts a signature made 5 minutes ago, at the edge of the window', async () => {
    const response = await post(events(1), { timestamp: clock.getTime() - 5 * 60_000 });
    expect(response.status).toBe(200);
  });

  it.each([
    ['malformed JSON', '[{"eventId": 1,', /not valid JSON/],
    ['a JSON object instead of an array', JSON.stringify(event(1)), /JSON array/],
    ['more than 100 events', JSON.stringify(events(101)), /at most 100 events/],
  ])('answers 400 to %s (correctly signed) and stores nothing', async (_case, body, reason) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(response.json.error).toMatch(reason);
    expect(await inboxCount()).toBe(0);
    expect(await rejectedCount()).toBe(0);
  });

  it('answers 413 to a body over 1 MB and stores nothing', async () => {
    const huge = events(100, 0, { propertyValue: 'x'.repeat(11_000) });
    expect(JSON.stringify(huge).length).toBeGreaterThan(1024 * 1024);
    const response = await post(huge);
    expect(response.status).toBe(413);
    expect(await inboxCount()).toBe(0);
  });

  it('answers 200 with zeros to an empty array', async () => {
    const response = await post([]);
    expect(response).toEqual({ status: 200, json: { accepted: 0, duplicates: 0, rejected: 0, dropped: 0 } });
  });

  it('stores 97 of 100 events when 3 are malformed, and keeps the 3 with their reasons', async () => {
    const batch = events(100);
    batch[10] = event(10, { objectId: 'five hundred' });
    delete batch[40]!.propertyName;
    batch[70] = event(70, { subscriptionType: 'deal.creation' });

    const response = await post(batch);

    expect(response).toEqual({ status: 200, json: { accepted: 97, duplicates: 0, rejected: 3, dropped: 0 } });
    expect(await inboxCount()).toBe(97);
    const rejected = await realDb.query<{ portal_id: number; reason: string; payload: Event }>(
      'SELECT portal_id, reason, payload FROM rejected_events ORDER BY id',
    );
    expect(rejected.map((row) => [row.portal_id, row.payload.eventId])).toEqual([[PORTAL, 1_010], [PORTAL, 1_040], [PORTAL, 1_070]]);
    expect(rejected[0]!.reason).toMatch(/^objectId: .*expected number/);
    expect(rejected[1]!.reason).toMatch(/^propertyName: /);
    expect(rejected[2]!.reason).toMatch(/unsupported subscription type "deal.creation"/);
  });

  it('stores each event of a batch once, the fields the app knows, keyed by type, object, id and time', async () => {
    const known = event(1);
    const sent = { ...known, someFieldHubSpotAddsLater: { not: 'kept' } };
    await post([sent]);
    const [row] = await realDb.query<Record<string, unknown>>(
      'SELECT portal_id, event_key, subscription_type, object_id, occurred_at, payload, attempts, processed_at FROM inbox',
    );
    expect(row).toEqual({
      portal_id: PORTAL,
      event_key: `contact.propertyChange:502:1001:${START - 60_000 + 1}`,
      subscription_type: 'contact.propertyChange',
      object_id: 502,
      occurred_at: new Date(START - 60_000 + 1),
      payload: known,
      attempts: 0,
      processed_at: null,
    });
  });

  it('keeps one copy of each event when the same batch arrives 3 times, shuffled and concurrently', async () => {
    const batch = events(100);
    const deliveries = [0, 1, 2].map((attemptNumber) => shuffled(batch, attemptNumber + 1).map((e) => ({ ...e, attemptNumber })));

    const responses = await Promise.all(deliveries.map((delivery) => post(delivery)));
    const again = await post(shuffled(batch, 9));

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    const total = (key: 'accepted' | 'duplicates') => responses.reduce((sum, r) => sum + (r.json[key] as number), 0);
    expect(total('accepted')).toBe(100);
    expect(total('duplicates')).toBe(200);
    expect(again.json).toEqual({ accepted: 0, duplicates: 100, rejected: 0, dropped: 0 });
    expect(await inboxCount()).toBe(100);
  });

  it('drops (and counts) events of portals that do not have the app installed', async () => {
    await install(777);
    await installations().markUninstalled(777, 'refresh token rejected', clock);
    const batch = [...events(5), ...events(3, 100, { portalId: 777 }), ...events(2, 200, { portalId: 888 })];

    const response = await post(batch);

    expect(response.json).toEqual({ accepted: 5, duplicates: 0, rejected: 0, dropped: 5 });
    expect(await realDb.query('SELECT DISTINCT portal_id FROM inbox')).toEqual([{ portal_id: PORTAL }]);
    expect(await metricValue(endpoint.registry, 'lead_manager_webhook_events_total', { outcome: 'dropped' })).toBe(5);
  });

  it('answers 503 while the database is down, and stores the redelivered batch once after it recovers', async () => {
    expect((await post(events(100, 0))).json).toMatchObject({ accepted: 100 }); // the portal is known (cached) now
    const batch = events(100, 100);

    databaseDown = true;
    const failed = await post(batch);
    databaseDown = false;
    expect(failed.status).toBe(503);
    expect(await inboxCount()).toBe(100);

    const retried = await post(batch.map((e) => ({ ...e, attemptNumber: 1 })));
    const retriedAgain = await post(batch.map((e) => ({ ...e, attemptNumber: 2 })));
    expect(retried.json).toEqual({ accepted: 100, duplicates: 0, rejected: 0, dropped: 0 });
    expect(retriedAgain.json).toEqual({ accepted: 0, duplicates: 100, rejected: 0, dropped: 0 });
    expect(await inboxCount()).toBe(200);
    expect(await metricValue(endpoint.registry, 'lead_manager_webhook_requests_total', { outcome: 'unavailable' })).toBe(1);
  });

  it('answers 503 when the database is down before it could even check the portal', async () => {
    databaseDown = true;
    const response = await post(events(10));
    databaseDown = false;
    expect(response.status).toBe(503);
    expect((await post(events(10))).json).toMatchObject({ accepted: 10 });
  });

  it('rejects an event holding text PostgreSQL cannot store, and stores the rest of its batch', async () => {
    const batch = [...events(4), event(4, { propertyValue: 'a\u0000b' }), event(5, { propertyValue: 'lone \ud800 surrogate' })];

    const response = await post(batch);

    expect(response.json).toEqual({ accepted: 4, duplicates: 0, rejected: 2, dropped: 0 });
    const rejected = await realDb.query<{ reason: string; payload: Event }>('SELECT reason, payload FROM rejected_events ORDER BY id');
    expect(rejected.map((row) => row.payload.propertyValue)).toEqual(['a\ufffdb', 'lone \ufffd surrogate']);
    expect(rejected[0]!.reason).toMatch(/PostgreSQL cannot store/);
  });

  it('group-commits concurrent deliveries: those arriving while every flush is busy share the next one', async () => {
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let inserts = 0;
    const gated: Db = {
      ...realDb,
      query: async <Row,>(sql: string, params?: unknown[]) => {
        if (sql.includes('INSERT INTO inbox')) {
          inserts += 1;
          await gate;
        }
        return realDb.query<Row>(sql, params);
      },
    };
    await endpoint.stop();
    endpoint = await startEndpoint(gated, () => clock);
    const busy = endpoint.inbox.maxConcurrentFlushes; // 1 on PGlite, several on PostgreSQL

    const responses = Promise.all(Array.from({ length: 10 }, (_, i) => post(events(100, i * 100))));
    while (endpoint.inbox.queued < 10 - busy) await new Promise((resolve) => setImmediate(resolve));
    openGate();

    expect((await responses).map((r) => r.json.accepted)).toEqual(Array(10).fill(100));
    expect(inserts).toBe(busy + 1);
    expect(await metricValue(endpoint.registry, 'lead_manager_inbox_flush_requests_count')).toBe(busy + 1);
    expect(await metricValue(endpoint.registry, 'lead_manager_inbox_flush_requests_sum')).toBe(10);
    expect(await inboxCount()).toBe(1000);
  });

  it('takes what the sandbox HubSpot delivers: signed batches of ≤100 events, 10 requests at a time', async () => {
    const sandbox = createHubspotSandbox({ portals: [{ portalId: PORTAL }] });
    const scenario = generateScenario({ seed: 11, contacts: 60 });
    const { events: sent } = applyScenario(sandbox.state, scenario, { portalId: PORTAL, appId: 3_000_001 });
    const viaProxy = ((input: string | URL | Request, init?: RequestInit) =>
      fetch(String(input).replace(BASE, endpoint.url), init)) as typeof fetch;

    const report = await sendWebhooks({
      targetUrl: TARGET,
      clientSecret: SECRET,
      events: sent,
      maxConcurrentRequests: 10,
      now: () => clock.getTime(),
      sleep: async () => undefined,
      fetch: viaProxy,
    });

    expect(sent.length).toBeGreaterThan(200);
    expect(report).toMatchObject({ delivered: sent.length, failed: 0, retries: 0 });
    expect(await inboxCount()).toBe(sent.length);
    const engagement = sent.find((e) => e.subscriptionType === 'object.creation')!;
    const [row] = await realDb.query<{ object_id: number; payload: Event }>(
      `SELECT object_id, payload FROM inbox WHERE subscription_type = 'object.creation' AND object_id = $1`,
      [engagement.objectId],
    );
    expect(row).toEqual({ object_id: engagement.objectId, payload: { ...engagement } });
  });
});
