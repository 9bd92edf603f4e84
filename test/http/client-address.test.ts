import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { startService, type Service } from '../../src/service';
import { testDatabases } from '../support/databases';
import { freePort } from '../support/free-port';

const LOOPBACK = /^(::1|(::ffff:)?127\.0\.0\.1)$/;

// Which address the logs name is the HTTP edge's business, the same on any database: PGlite alone is enough.
describe.each([
  ['unset, the caller-supplied X-Forwarded-For is ignored: the socket address', {}, LOOPBACK],
  ['"loopback", the address the local proxy forwarded', { TRUST_PROXY: 'loopback' }, /^6\.6\.6\.6$/],
])('with TRUST_PROXY %s is logged as the caller of a refused request', (_case, env, expected) => {
  let service: Service;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const port = await freePort();
    const config = loadConfig({
      ...env,
      PORT: String(port),
      APP_BASE_URL: `http://localhost:${port}`,
      HUBSPOT_CLIENT_ID: 'client-1',
      HUBSPOT_CLIENT_SECRET: 'secret-1',
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    });
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    });
    service = await startService({
      config,
      hubspot: config.hubspot!,
      tokenEncryptionKey: config.tokenEncryptionKey!,
      logger: createLogger('info', destination),
      db: await testDatabases[0]!.open(),
      jobs: false,
      pipeline: false,
    });
  });
  afterAll(() => service.stop());

  const logged = (msg: string) => lines.find((line) => line.msg === msg);

  it('on an unsigned webhook', async () => {
    const response = await fetch(`${service.url}/webhooks/hubspot`, { method: 'POST', body: '[]', headers: { 'X-Forwarded-For': '6.6.6.6' } });
    expect(response.status).toBe(401);
    expect(logged('webhook request refused: signature')?.ip).toMatch(expected);
  });

  it('on an unsigned extension API request', async () => {
    const response = await fetch(`${service.url}/api/settings?portalId=1&userId=1`, { headers: { 'X-Forwarded-For': '6.6.6.6' } });
    expect(response.status).toBe(401);
    expect(logged('extension request refused: signature')?.ip).toMatch(expected);
  });
});
