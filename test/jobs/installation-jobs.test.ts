import { randomBytes } from 'node:crypto';
import nock from 'nock';
import { OAuthClient } from '../../src/hubspot/oauth-client';
import { TokenCipher } from '../../src/store/token-cipher';
import { TokenVault } from '../../src/hubspot/token-vault';
import { purgeUninstalledJob, refreshTokensJob } from '../../src/jobs/installation-jobs';
import { runJobOnce } from '../../src/jobs/schedule-job';
import { silentLogger } from '../../src/log';
import { recordAudit } from '../../src/store/audit-log';
import type { Db } from '../../src/store/db';
import { InstallationRepository } from '../../src/store/installations';
import { OAuthStateStore } from '../../src/store/oauth-states';
import { testDatabases, truncateAll } from '../support/databases';

const API = 'https://api.hubapi.com';
const DAY = 24 * 60 * 60_000;
const t0 = new Date('2026-03-02T10:00:00Z');

describe.each(testDatabases)('installation jobs on $name', (database) => {
  let db: Db;
  let installations: InstallationRepository;
  let states: OAuthStateStore;

  beforeAll(async () => {
    db = await database.open();
    installations = new InstallationRepository(db, new TokenCipher(randomBytes(32)));
    states = new OAuthStateStore(db);
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

  const install = (portalId: number, expiresAt = new Date(t0.getTime() + 30 * 60_000)) =>
    installations.upsert(
      { portalId, hubDomain: undefined, scopes: [], accessToken: `a${portalId}`, refreshToken: `r${portalId}`, expiresAt, userId: undefined, userEmail: undefined },
      t0,
    );

  it('deletes an uninstalled portal\u2019s data only once the retention period has passed', async () => {
    await install(1);
    await install(2);
    await recordAudit(db, { portalId: 1, actor: 'app', action: 'installed', at: t0 });
    await installations.markUninstalled(1, 'refresh token rejected', t0);
    const job = purgeUninstalledJob({ db, installations, states, retentionDays: 30, logger: silentLogger });

    expect(await runJobOnce(job, db, new Date(t0.getTime() + 29 * DAY))).toEqual({ acquired: true, value: { purged: [] } });
    expect(await installations.get(1)).toBeDefined();

    expect(await runJobOnce(job, db, new Date(t0.getTime() + 31 * DAY))).toEqual({ acquired: true, value: { purged: [1] } });
    expect(await installations.get(1)).toBeUndefined();
    expect(await db.query('SELECT 1 FROM audit_log WHERE portal_id = 1')).toHaveLength(0);
    expect(await installations.get(2)).toBeDefined();
  });

  it('refreshes tokens that expire soon and finds portals that were uninstalled meanwhile', async () => {
    await install(1, new Date(t0.getTime() + 5 * 60_000));
    await install(2, new Date(t0.getTime() + 5 * 60_000));
    await install(3, new Date(t0.getTime() + 60 * 60_000));
    nock(API)
      .post('/oauth/2026-03/token', (body: Record<string, string>) => body.refresh_token === 'r1')
      .reply(200, { token_type: 'bearer', token_use: 'access_token', access_token: 'fresh', refresh_token: 'r1', expires_in: 1800 })
      .post('/oauth/2026-03/token', (body: Record<string, string>) => body.refresh_token === 'r2')
      .reply(400, { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token' });
    const oauth = new OAuthClient({ clientId: 'c', clientSecret: 's', appId: undefined, apiBase: API }, 'https://x/oauth/callback');
    const tokens = new TokenVault({ db, installations, oauth, logger: silentLogger, now: () => t0 });
    const job = refreshTokensJob({ installations, tokens, logger: silentLogger });

    expect(await runJobOnce(job, db, t0)).toEqual({ acquired: true, value: { due: 2, refreshed: 1 } });
    expect((await installations.get(1))?.accessToken).toBe('fresh');
    expect((await installations.get(2))?.status).toBe('uninstalled');
    expect((await installations.get(3))?.accessToken).toBe('a3');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('runs a job on one instance per tick: a second runner finds the lock taken and skips', async () => {
    let release!: () => void;
    let running!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const started = new Promise<void>((resolve) => (running = resolve));
    const job = {
      name: 'slow',
      schedule: '* * * * *',
      lockKey: 7_041_099,
      run: () => {
        running();
        return blocked.then(() => 'done');
      },
    };
    const first = runJobOnce(job, db, t0);
    await started; // the first runner holds the lock now
    expect(await runJobOnce(job, db, t0)).toEqual({ acquired: false });
    release();
    expect(await first).toEqual({ acquired: true, value: 'done' });
  });
});
