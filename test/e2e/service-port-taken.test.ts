import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { startService } from '../../src/service';
import { testDatabases } from '../support/databases';

describe('start-up on a port another process holds', () => {
  let taken: Server;
  let port: number;

  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, () => resolve()));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('fails with the address in use, rather than running without a listener', async () => {
    const db = await testDatabases[0]!.open();
    const starting = startService({
      config: loadConfig({ PORT: String(port), APP_BASE_URL: `http://localhost:${port}`, LOG_LEVEL: 'silent' }),
      hubspot: { clientId: 'id', clientSecret: 'secret', appId: 1, apiBase: 'http://127.0.0.1:9' },
      tokenEncryptionKey: randomBytes(32),
      logger: silentLogger,
      db,
      jobs: false,
      pipeline: false,
      backfillOnInstall: false,
    });
    await expect(starting).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await db.close();
  });
});
