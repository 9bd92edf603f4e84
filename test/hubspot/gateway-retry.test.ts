import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { Registry } from 'prom-client';
import { HubspotApiError } from '../../src/hubspot/api-error';
import { PortalInactiveError } from '../../src/hubspot/token-provider';
import { API, BATCH_OK, CONTACT, capturingLogger, fakeTokens, recordingSleep, testGateway } from './gateway-test-kit';

const PORTAL = 42;
const READ = '/crm/objects/2026-03/contacts/batch/read';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

function readOk() {
  return nock(API).post(READ).query(true).reply(200, BATCH_OK([CONTACT('1')]));
}

async function readOne(gateway: ReturnType<typeof testGateway>) {
  try {
    return await gateway.forPortal(PORTAL).contacts.batchRead(['1'], ['email']);
  } finally {
    await gateway.close();
  }
}

describe('HubSpot gateway retry policy', () => {
  test('a 429 with Retry-After in seconds is waited out, then retried', async () => {
    const { sleep, delays } = recordingSleep();
    const limited = nock(API).post(READ).query(true).reply(429, { status: 'error', policyName: 'TEN_SECONDLY_ROLLING' }, { 'Retry-After': '3' });
    const ok = readOk();

    const records = await readOne(testGateway({ sleep }));

    expect(records.map((r) => r.id)).toEqual(['1']);
    expect(delays).toEqual([3000]);
    expect(limited.isDone() && ok.isDone()).toBe(true);
  });

  test('a 429 with Retry-After as an HTTP date waits until that date', async () => {
    const { sleep, delays } = recordingSleep();
    const now = Date.parse('2025-06-01T12:00:00Z');
    nock(API).post(READ).query(true).reply(429, { policyName: 'TEN_SECONDLY_ROLLING' }, { 'Retry-After': 'Sun, 01 Jun 2025 12:00:07 GMT' });
    readOk();

    await readOne(testGateway({ sleep, now: () => now }));

    expect(delays).toEqual([7000]);
  });

  test('a 429 without Retry-After waits for the rolling window to pass, with jitter', async () => {
    const { sleep, delays } = recordingSleep();
    nock(API).post(READ).query(true).reply(429, { policyName: 'TEN_SECONDLY_ROLLING' });
    readOk();

    await readOne(testGateway({ sleep, random: () => 0.4, retry: { rateLimitWindowMs: 10_000 } }));

    expect(delays).toEqual([11_000]);
  });

  test('a DAILY 429 fails at once with a typed error, logged with the portal', async () => {
    const { logger, lines } = capturingLogger();
    const limited = nock(API)
      .post(READ)
      .query(true)
      .reply(429, { status: 'error', message: 'You have reached your daily limit.', errorType: 'RATE_LIMIT', policyName: 'DAILY', correlationId: 'c-1' });

    const error = await readOne(testGateway({ logger })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(HubspotApiError);
    expect(error).toMatchObject({ status: 429, policyName: 'DAILY', correlationId: 'c-1', operation: 'contacts.batchRead', portalId: PORTAL });
    expect(limited.isDone()).toBe(true);
    expect(lines.filter((line) => line.level === 50)).toEqual([expect.objectContaining({ portalId: PORTAL, policyName: 'DAILY' })]);
  });

  test('5xx answers are retried with exponential backoff and full jitter, each retry logged', async () => {
    const { sleep, delays } = recordingSleep();
    const { logger, lines } = capturingLogger();
    nock(API).post(READ).query(true).reply(502, '<html>Bad gateway</html>', { 'Content-Type': 'text/html' });
    nock(API).post(READ).query(true).reply(503);
    nock(API).post(READ).query(true).reply(500, { status: 'error', category: 'INTERNAL_ERROR' });
    readOk();

    const records = await readOne(testGateway({ sleep, logger, random: () => 0.5, retry: { baseDelayMs: 100, maxDelayMs: 300 } }));

    expect(records).toHaveLength(1);
    expect(delays).toEqual([50, 100, 150]);
    const retries = lines.filter((line) => line.level === 40);
    expect(retries).toHaveLength(3);
    for (const line of retries) expect(line).toMatchObject({ portalId: PORTAL, operation: 'contacts.batchRead' });
    expect(retries.map((line) => line.status)).toEqual([502, 503, 500]);
  });

  test('5xx retries stop after maxAttempts with the last error', async () => {
    const scope = nock(API).post(READ).query(true).times(3).reply(503, { status: 'error', message: 'unavailable' });

    const error = await readOne(testGateway({ retry: { maxAttempts: 3 } })).catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'HubspotApiError', status: 503 });
    expect(scope.isDone()).toBe(true);
  });

  test('a 400 is not retried: exactly one call, a typed error', async () => {
    const bad = nock(API)
      .post(READ)
      .query(true)
      .reply(400, { status: 'error', message: 'Property values were not valid', category: 'VALIDATION_ERROR', correlationId: 'abc' });
    const never = nock(API).post(READ).query(true).reply(200, BATCH_OK([]));

    const error = await readOne(testGateway()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(HubspotApiError);
    expect(error).toMatchObject({ status: 400, category: 'VALIDATION_ERROR', correlationId: 'abc' });
    expect((error as Error).message).toContain('Property values were not valid');
    expect(bad.isDone()).toBe(true);
    expect(never.isDone()).toBe(false);
  });

  test('network errors are retried', async () => {
    const { sleep, delays } = recordingSleep();
    // A real server that drops the first two connections: a real ECONNRESET, not a simulated one.
    let connections = 0;
    const server = createServer((req, res) => {
      connections += 1;
      if (connections <= 2) return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(BATCH_OK([CONTACT('1')])));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    nock.enableNetConnect('127.0.0.1');
    try {
      const apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const records = await readOne(testGateway({ sleep, apiBase }));
      expect(records).toHaveLength(1);
      expect(delays).toHaveLength(2);
      expect(connections).toBe(3);
    } finally {
      nock.disableNetConnect();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a 401 refreshes the token once and retries with the new one', async () => {
    const tokens = fakeTokens();
    nock(API).post(READ).query(true).matchHeader('authorization', `Bearer token-${PORTAL}-1`).reply(401, { status: 'error', category: 'EXPIRED_AUTHENTICATION' });
    const retried = nock(API).post(READ).query(true).matchHeader('authorization', `Bearer token-${PORTAL}-2`).reply(200, BATCH_OK([CONTACT('1')]));

    const records = await readOne(testGateway({ tokens }));

    expect(records).toHaveLength(1);
    expect(tokens.rejections).toEqual([`token-${PORTAL}-1`]);
    expect(retried.isDone()).toBe(true);
  });

  test('a second 401 fails without another refresh', async () => {
    const tokens = fakeTokens();
    const scope = nock(API).post(READ).query(true).times(2).reply(401, { status: 'error', category: 'INVALID_AUTHENTICATION' });

    const error = await readOne(testGateway({ tokens })).catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'HubspotApiError', status: 401 });
    expect(tokens.rejections).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });

  test('PortalInactiveError is not retried and no call goes out', async () => {
    const tokens = fakeTokens();
    tokens.accessToken = async (portalId) => {
      tokens.accessTokenCalls += 1;
      throw new PortalInactiveError(portalId, 'refresh token rejected');
    };
    const never = readOk();

    const error = await readOne(testGateway({ tokens })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PortalInactiveError);
    expect(tokens.accessTokenCalls).toBe(1);
    expect(never.isDone()).toBe(false);
  });

  test('error messages never contain the access token', async () => {
    const token = `token-${PORTAL}-1`;
    nock(API).post(READ).query(true).reply(400, { status: 'error', message: `Bad header: Bearer ${token} for ${token}` });

    const error = (await readOne(testGateway()).catch((e: unknown) => e)) as HubspotApiError;

    expect(error.message).not.toContain(token);
    expect(JSON.stringify(error.body)).not.toContain(token);
    expect(error.message).toContain('contacts.batchRead');
  });

  test('calls are counted by operation and outcome', async () => {
    const registry = new Registry();
    nock(API).post(READ).query(true).reply(503);
    readOk();

    await readOne(testGateway({ registry }));

    const metric = await registry.getSingleMetric('lead_manager_hubspot_calls_total')!.get();
    expect(metric.values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ labels: { operation: 'contacts.batchRead', outcome: 'server_error' }, value: 1 }),
        expect.objectContaining({ labels: { operation: 'contacts.batchRead', outcome: 'ok' }, value: 1 }),
      ]),
    );
  });
});

describe('HubSpot gateway timeouts', () => {
  test('a call that hangs past jobTimeoutMs frees its slot and is retried as a network timeout', async () => {
    const { sleep, delays } = recordingSleep();
    nock(API).post(READ).query(true).delay(5_000).reply(200, BATCH_OK([CONTACT('slow')]));
    readOk();

    // Far apart, so a loaded CI machine never times out the prompt answer too.
    const records = await readOne(testGateway({ sleep, jobTimeoutMs: 500 }));

    expect(records.map((r) => r.id)).toEqual(['1']);
    expect(delays).toHaveLength(1);
  });
});
