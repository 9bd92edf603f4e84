import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signV3 } from '../../src/hubspot/signature';
import { WEBHOOKS_PATH } from '../../src/ingest/webhooks-router';
import { applyScenario, createHubspotSandbox, generateScenario, sendWebhooks, type ListeningSandbox } from '../../src/sandbox';
import { installThroughOAuth } from '../../src/sandbox-mode';
import { openDb } from '../../src/store/db';
import { freePort } from '../support/free-port';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';

const PORTAL = 61_212;
const SHUTDOWN_TIMEOUT_MS = 8_000;

/**
 * A webhook delivery whose body arrives in two parts: the request is in flight from the first part on, and
 * `finish()` sends the rest. Resolves with the status the service answered.
 */
function slowWebhook(service: ServiceProcess, clientSecret: string, body: string) {
  const timestamp = Date.now();
  const signature = signV3({ clientSecret, method: 'POST', uri: `${service.url}${WEBHOOKS_PATH}`, body, timestamp });
  let answer: (status: number) => void;
  let fail: (error: Error) => void;
  const status = new Promise<number>((resolve, reject) => ((answer = resolve), (fail = reject)));
  const req = request(`${service.url}${WEBHOOKS_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'X-HubSpot-Request-Timestamp': String(timestamp),
      'X-HubSpot-Signature-v3': signature,
    },
  });
  req.on('response', (res) => {
    res.resume();
    answer(res.statusCode ?? 0);
  });
  req.on('error', (error) => fail(error));
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return { status, finish: () => req.end(body.slice(half)) };
}

const until = async (check: () => boolean, what: string, timeoutMs = 30_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('SIGTERM stops the service gracefully (a real process and a real signal)', () => {
  let emulator: ListeningSandbox;
  let sandbox: ReturnType<typeof createHubspotSandbox>;
  let dataDir: string;
  let service: ServiceProcess;
  let events: ReturnType<typeof applyScenario>['events'];

  beforeEach(async () => {
    sandbox = createHubspotSandbox({ portals: [{ portalId: PORTAL }] });
    events = applyScenario(sandbox.state, generateScenario({ seed: 5, contacts: 150, days: 20 }), { portalId: PORTAL, appId: sandbox.app.appId }).events;
    emulator = await sandbox.listen();
    dataDir = mkdtempSync(join(tmpdir(), 'lead-manager-shutdown-'));
    const port = await freePort();
    service = startServiceProcess(port, {
      HUBSPOT_CLIENT_ID: sandbox.app.clientId,
      HUBSPOT_CLIENT_SECRET: sandbox.app.clientSecret,
      HUBSPOT_API_BASE: emulator.url,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      APP_BASE_URL: `http://localhost:${port}`,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      ROLE: 'all',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    });
    await service.ready();
    sandbox.setInstallingPortal(PORTAL);
    await installThroughOAuth(service.url);
  }, 90_000);

  afterEach(async () => {
    if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGKILL');
    await service.exited;
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the request in flight and the batches in hand, closes, and exits 0 within the limit', async () => {
    const delivered = await sendWebhooks({ targetUrl: `${service.url}${WEBHOOKS_PATH}`, clientSecret: sandbox.app.clientSecret, events });
    expect(delivered.failed).toBe(0);
    await until(() => service.logs().some((line) => line.msg === 'inbox batch processed' || line.worker !== undefined), 'the workers to be at work', 5_000).catch(() => undefined);
    const inFlight = slowWebhook(service, sandbox.app.clientSecret, JSON.stringify(events.slice(0, 20).map((event) => ({ ...event, eventId: event.eventId + 1_000_000 }))));
    await new Promise((resolve) => setTimeout(resolve, 200));

    const signalledAt = Date.now();
    service.child.kill('SIGTERM');
    await until(() => service.output().includes('"msg":"stopping"'), 'the service to begin stopping');
    inFlight.finish();

    expect(await inFlight.status).toBe(200);
    const { code, at } = await service.exited;
    expect({ code, unclean: /unclean stop/.test(service.output()) }).toEqual({ code: 0, unclean: false });
    expect(at - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(service.output()).toMatch(/"msg":"stopped"/);
    // Nothing is left leased: every batch a worker claimed was processed before it stopped.
    const db = await openDb({ dataDir: join(dataDir, 'pglite') });
    try {
      const [left] = await db.query<{ leased: number; events: number }>(
        'SELECT count(*) FILTER (WHERE processed_at IS NULL AND leased_until IS NOT NULL AND leased_until > now()) AS leased, count(*) AS events FROM inbox WHERE portal_id = $1',
        [PORTAL],
      );
      expect(left!.leased).toBe(0);
      expect(left!.events).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  }, 90_000);

  it('exits at once, non-zero, on a second SIGTERM', async () => {
    // A request that never completes holds the graceful stop open.
    const stuck = slowWebhook(service, sandbox.app.clientSecret, JSON.stringify(events.slice(0, 5)));
    stuck.status.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    service.child.kill('SIGTERM');
    await until(() => service.output().includes('"msg":"stopping"'), 'the service to begin stopping');
    const secondAt = Date.now();
    service.child.kill('SIGTERM');
    const { code, at } = await service.exited;
    expect(code).toBe(143);
    expect(at - secondAt).toBeLessThan(2_000);
  }, 90_000);
});
