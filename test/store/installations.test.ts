import { randomBytes } from 'node:crypto';
import { TokenCipher } from '../../src/store/token-cipher';
import { recordAudit } from '../../src/store/audit-log';
import type { Db } from '../../src/store/db';
import { InstallationRepository } from '../../src/store/installations';
import { OAuthStateStore } from '../../src/store/oauth-states';
import { deletePortalData } from '../../src/store/portal-data';
import { testDatabases, truncateAll } from '../support/databases';

const t0 = new Date('2026-03-02T10:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe.each(testDatabases)('installations and OAuth states on $name', (database) => {
  let db: Db;
  let installations: InstallationRepository;
  let states: OAuthStateStore;

  beforeAll(async () => {
    db = await database.open();
    installations = new InstallationRepository(db, new TokenCipher(randomBytes(32)));
    states = new OAuthStateStore(db, 60_000);
  });
  afterAll(() => db.close());
  beforeEach(() => truncateAll(db));

  const install = (portalId: number, accessToken = `access-${portalId}`) =>
    installations.upsert(
      {
        portalId,
        hubDomain: `portal-${portalId}.hubspot.com`,
        scopes: ['oauth', 'crm.objects.contacts.read'],
        accessToken,
        refreshToken: `refresh-${portalId}`,
        expiresAt: later(1_800_000),
        userId: 7,
        userEmail: 'admin@example.com',
      },
      t0,
    );

  it('stores tokens sealed and reads them back', async () => {
    expect(await install(101)).toEqual({ created: true });
    const rows = await db.query<Record<string, unknown>>('SELECT * FROM installations');
    expect(JSON.stringify(rows)).not.toMatch(/access-101|refresh-101/);
    expect(await installations.get(101)).toMatchObject({
      portalId: 101,
      status: 'active',
      accessToken: 'access-101',
      refreshToken: 'refresh-101',
      scopes: ['oauth', 'crm.objects.contacts.read'],
    });
  });

  it('re-installs a portal in place, active again', async () => {
    await install(101);
    await installations.markUninstalled(101, 'refresh token rejected', later(1000));
    expect((await installations.get(101))?.status).toBe('uninstalled');
    expect(await install(101, 'access-new')).toEqual({ created: false });
    const again = await installations.get(101);
    expect(again).toMatchObject({ status: 'active', accessToken: 'access-new', uninstalledAt: null, uninstallReason: null });
    expect(await db.query('SELECT 1 FROM installations')).toHaveLength(1);
  });

  it('lists portals uninstalled before a cutoff and deletes all their data, nobody else\u2019s', async () => {
    await install(101);
    await install(202);
    await recordAudit(db, { portalId: 101, actor: 'app', action: 'installed', at: t0 });
    await recordAudit(db, { portalId: 202, actor: 'app', action: 'installed', at: t0 });
    await installations.markUninstalled(101, 'gone', t0);
    expect(await installations.uninstalledBefore(later(1))).toEqual([101]);
    expect(await installations.uninstalledBefore(t0)).toEqual([]);

    const deleted = await deletePortalData(db, 101);
    expect(deleted).toMatchObject({ installations: 1, audit_log: 1 });
    expect(await installations.get(101)).toBeUndefined();
    expect(await installations.get(202)).toBeDefined();
    expect(await db.query('SELECT portal_id FROM audit_log')).toEqual([{ portal_id: 202 }]);
  });

  it('accepts an issued state once, and never an unknown or expired one', async () => {
    const state = await states.issue(t0);
    expect(await states.consume(state, later(1000))).toBe(true);
    expect(await states.consume(state, later(2000))).toBe(false);
    expect(await states.consume('never-issued', t0)).toBe(false);
    const old = await states.issue(t0);
    expect(await states.consume(old, later(60_001))).toBe(false);
  });

  it('stores only hashes of states and forgets expired ones', async () => {
    const state = await states.issue(t0);
    expect(JSON.stringify(await db.query('SELECT * FROM oauth_states'))).not.toContain(state);
    await states.issue(later(120_000));
    expect(await states.deleteExpired(later(90_000))).toBe(1);
  });
});
