import { randomBytes } from 'node:crypto';
import nock from 'nock';
import pino from 'pino';
import { OAuthClient } from '../../src/hubspot/oauth-client';
import { TokenCipher } from '../../src/store/token-cipher';
import { PortalInactiveError } from '../../src/hubspot/token-provider';
import { TokenVault } from '../../src/hubspot/token-vault';
import { silentLogger } from '../../src/log';
import type { Db } from '../../src/store/db';
import { InstallationRepository } from '../../src/store/installations';
import { openSibling, testDatabases, truncateAll } from '../support/databases';

const API = 'https://api.hubapi.com';
const credentials = { clientId: 'cid', clientSecret: 'csecret', appId: 1, apiBase: API };
const t0 = new Date('2026-03-02T10:00:00Z');

describe.each(testDatabases)('token vault on $name', (database) => {
  let db: Db;
  let installations: InstallationRepository;
  const cipher = new TokenCipher(randomBytes(32));
  const oauth = new OAuthClient(credentials, 'https://leads.example.com/oauth/callback');

  beforeAll(async () => {
    db = await database.open();
    installations = new InstallationRepository(db, cipher);
    nock.disableNetConnect();
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await db.close();
  });
  beforeEach(async () => {
    nock.cleanAll();
    await truncateAll(db);
  });

  const install = (expiresAt: Date) =>
    installations.upsert(
      { portalId: 7, hubDomain: 'p7', scopes: [], accessToken: 'old-access', refreshToken: 'refresh-7', expiresAt, userId: 1, userEmail: undefined },
      t0,
    );

  const vault = (logger = silentLogger, target = db, repo = installations) =>
    new TokenVault({ db: target, installations: repo, oauth, logger, now: () => t0 });

  const tokenEndpoint = () =>
    nock(API)
      .post('/oauth/2026-03/token', (body: Record<string, string>) => body.grant_type === 'refresh_token' && body.refresh_token === 'refresh-7')
      .delay(50)
      .reply(200, { token_type: 'bearer', token_use: 'access_token', access_token: 'new-access', refresh_token: 'refresh-7', expires_in: 1800 });

  it('hands out the stored token while it is fresh, without calling HubSpot', async () => {
    await install(new Date(t0.getTime() + 20 * 60_000));
    expect(await vault().accessToken(7)).toBe('old-access');
  });

  it("remembers a fresh token for a few seconds: another instance's uninstall shows after them, this process's own at once", async () => {
    await install(new Date(t0.getTime() + 20 * 60_000));
    let now = t0;
    const remembering = new TokenVault({ db, installations, oauth, logger: silentLogger, now: () => now, rememberMs: 5_000 });
    const otherInstance = new InstallationRepository(db, cipher);
    expect(await remembering.accessToken(7)).toBe('old-access');

    await otherInstance.markUninstalled(7, 'uninstalled elsewhere', t0);
    expect(await remembering.accessToken(7)).toBe('old-access'); // not read again yet
    now = new Date(t0.getTime() + 5_001);
    await expect(remembering.accessToken(7)).rejects.toBeInstanceOf(PortalInactiveError);

    await install(new Date(t0.getTime() + 20 * 60_000));
    expect(await remembering.accessToken(7)).toBe('old-access');
    await installations.markUninstalled(7, 'uninstalled here', now);
    await expect(remembering.accessToken(7)).rejects.toBeInstanceOf(PortalInactiveError);
  });

  it('refreshes once for 20 concurrent callers when the token is about to expire, and stores it sealed', async () => {
    await install(new Date(t0.getTime() + 60_000));
    let calls = 0;
    tokenEndpoint().on('request', () => (calls += 1));
    const v = vault();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => v.accessToken(7)));
    expect(new Set(tokens)).toEqual(new Set(['new-access']));
    expect(calls).toBe(1);
    expect((await installations.get(7))?.accessTokenExpiresAt).toEqual(new Date(t0.getTime() + 1800_000));
    expect(JSON.stringify(await db.query('SELECT * FROM installations'))).not.toContain('new-access');
  });

  // PGlite is one process: the in-process single flight above is the whole story there.
  (database.name === 'postgres' ? it : it.skip)('refreshes once across two instances sharing the database', async () => {
    await install(new Date(t0.getTime() + 60_000));
    let calls = 0;
    tokenEndpoint().on('request', () => (calls += 1));
    const other = await openSibling(db);
    try {
      const second = vault(silentLogger, other, new InstallationRepository(other, cipher));
      const first = vault();
      const tokens = await Promise.all([...Array.from({ length: 10 }, () => first.accessToken(7)), ...Array.from({ length: 10 }, () => second.accessToken(7))]);
      expect(new Set(tokens)).toEqual(new Set(['new-access']));
      expect(calls).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('after a 401, refreshes once for the rejected token and not again for callers who already have the new one', async () => {
    await install(new Date(t0.getTime() + 20 * 60_000));
    let calls = 0;
    tokenEndpoint().on('request', () => (calls += 1));
    const v = vault();
    const again = await Promise.all(Array.from({ length: 5 }, () => v.refreshAfterRejection(7, 'old-access')));
    expect(new Set(again)).toEqual(new Set(['new-access']));
    expect(await v.refreshAfterRejection(7, 'old-access')).toBe('new-access');
    expect(calls).toBe(1);
  });

  it('marks the portal uninstalled when HubSpot rejects the refresh token, says so in the log, and stops', async () => {
    await install(new Date(t0.getTime() - 1000));
    nock(API).post('/oauth/2026-03/token').reply(400, { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token' });
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const v = vault(logger);
    await expect(v.accessToken(7)).rejects.toBeInstanceOf(PortalInactiveError);
    const stored = await installations.get(7);
    expect(stored?.status).toBe('uninstalled');
    expect(stored?.uninstallReason).toMatch(/BAD_REFRESH_TOKEN/);
    expect(lines.join('')).toMatch(/"portalId":7.*portal marked uninstalled/);
    expect(lines.join('')).not.toContain('refresh-7');
    await expect(v.accessToken(7)).rejects.toThrow(/portal 7 is not active: uninstalled/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('keeps the portal installed when the token endpoint fails for a passing reason', async () => {
    await install(new Date(t0.getTime() - 1000));
    nock(API).post('/oauth/2026-03/token').reply(503, { status: 'error', message: 'unavailable' });
    await expect(vault().accessToken(7)).rejects.not.toBeInstanceOf(PortalInactiveError);
    expect((await installations.get(7))?.status).toBe('active');
  });

  it('refuses portals that were never installed', async () => {
    await expect(vault().accessToken(999)).rejects.toThrow(/portal 999 is not active: not installed/);
  });
});
