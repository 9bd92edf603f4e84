import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config';
import { signV3 } from '../../src/hubspot/signature';
import { LIMITS } from '../../src/limits';
import { silentLogger } from '../../src/log';
import { startService, type Service } from '../../src/service';
import type { Db } from '../../src/store/db';
import { testDatabases } from '../support/databases';
import { freePort } from '../support/free-port';

const SECRET = 'client-secret-1';

// Headers are the HTTP edge's, the same on any database: PGlite alone is enough.
describe('every answer of the service carries the security headers', () => {
  let service: Service;
  let databaseDown = false;

  beforeAll(async () => {
    const port = await freePort();
    const config = loadConfig({
      PORT: String(port),
      APP_BASE_URL: `http://localhost:${port}`,
      HUBSPOT_CLIENT_ID: 'client-1',
      HUBSPOT_CLIENT_SECRET: SECRET,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    });
    const realDb = await testDatabases[0]!.open();
    // While `databaseDown`, every query fails as an unreachable server's would: the way to a 500 and a 503.
    const db: Db = {
      ...realDb,
      query: <Row,>(sql: string, params?: unknown[]) => (databaseDown ? Promise.reject(new Error('connect ECONNREFUSED')) : realDb.query<Row>(sql, params)),
    };
    service = await startService({ config, hubspot: config.hubspot!, tokenEncryptionKey: config.tokenEncryptionKey!, logger: silentLogger, db, jobs: false, pipeline: false });
  });
  afterAll(() => service.stop());
  afterEach(() => {
    databaseDown = false;
  });

  const expectSecurityHeaders = (response: Response) => {
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-powered-by')).toBeNull();
  };

  it.each<[string, number, () => Promise<Response>]>([
    ['GET /healthz', 200, () => fetch(`${service.url}/healthz`)],
    ['GET /oauth/install (the redirect to HubSpot)', 302, () => fetch(`${service.url}/oauth/install`, { redirect: 'manual' })],
    ['GET /oauth/callback without a state', 400, () => fetch(`${service.url}/oauth/callback?code=x`)],
    ['an unsigned webhook', 401, () => fetch(`${service.url}/webhooks/hubspot`, { method: 'POST', body: '[]' })],
    ['an unknown path', 404, () => fetch(`${service.url}/nothing-here`)],
    ['a webhook body over the limit', 413, () => fetch(`${service.url}/webhooks/hubspot`, { method: 'POST', body: ' '.repeat(LIMITS.webhooks.bodyBytes + 1) })],
  ])('%s (%i)', async (_case, status, request) => {
    const response = await request();
    expect(response.status).toBe(status);
    expectSecurityHeaders(response);
  });

  it('the error page of a request that failed (500), and /readyz while the database is down (503)', async () => {
    databaseDown = true;
    const url = new URL('/api/settings?portalId=1&userId=1', service.url);
    const timestamp = Date.now();
    const failed = await fetch(url, {
      headers: {
        'X-HubSpot-Request-Timestamp': String(timestamp),
        'X-HubSpot-Signature-v3': signV3({ clientSecret: SECRET, method: 'GET', uri: url.toString(), body: '', timestamp }),
      },
    });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: 'internal error' });
    expectSecurityHeaders(failed);
    const notReady = await fetch(`${service.url}/readyz`);
    expect(notReady.status).toBe(503);
    expectSecurityHeaders(notReady);
  });
});
