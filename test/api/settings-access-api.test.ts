import { DEFAULT_PORTAL_SETTINGS, type PortalSettings } from '../../src/domain/portal-settings';
import { installThroughOAuth } from '../../src/sandbox-mode';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { signedCall } from '../support/signed-fetch';
import { callPaths } from '../../src/sandbox/route-paths';

const PORTAL = 16_001;
const NO_USERS_SCOPE_PORTAL = 16_002;
const INSTALLER = 4242;
const OTHER_INSTALLER = 4343;
const STRANGER = 4244;
const USERS_ROUTE = '/settings/v3/users/:userId';
const WHO_MAY = 'Only the user who installed Lead Manager, super admins and the editors listed in the settings can publish or roll back settings.';

/** The defaults with a distinguishable MQL threshold, and who besides the installer and super admins may publish. */
const settings = (mql: number, editors?: number[]): PortalSettings => ({
  ...DEFAULT_PORTAL_SETTINGS,
  scoring: { ...DEFAULT_PORTAL_SETTINGS.scoring, thresholds: { ...DEFAULT_PORTAL_SETTINGS.scoring.thresholds, mql } },
  ...(editors && { access: { editors } }),
});

describe.each(testDatabases)('who may publish and roll back settings (signed hubspot.fetch) on $name', (database) => {
  let harness: PipelineHarness;
  /** HubSpot user ids of the portal's owners, by role. */
  const users = { rep: 0, editor: 0, superAdmin: 0, flakySuperAdmin: 0, otherPortalSuperAdmin: 0 };
  const clock = Date.now();

  beforeAll(async () => {
    harness = await startPipelineHarness(database, {
      sandbox: {
        portals: [
          { portalId: PORTAL, user: { id: INSTALLER, email: 'installer@acme.example', superAdmin: false } },
          { portalId: NO_USERS_SCOPE_PORTAL, user: { id: OTHER_INSTALLER, email: 'installer@other.example' }, withheldScopes: ['settings.users.read'] },
        ],
      },
      arrange: (sandbox) => {
        const owner = (portalId: number, name: string, superAdmin = false) =>
          sandbox.state.createOwner(portalId, { email: `${name}@example.com`, firstName: name, lastName: 'Owner', superAdmin }).userId;
        users.rep = owner(PORTAL, 'rep');
        users.editor = owner(PORTAL, 'editor');
        users.superAdmin = owner(PORTAL, 'admin', true);
        users.flakySuperAdmin = owner(PORTAL, 'flaky', true);
        users.otherPortalSuperAdmin = owner(NO_USERS_SCOPE_PORTAL, 'boss', true);
      },
    });
    harness.sandbox.setInstallingPortal(NO_USERS_SCOPE_PORTAL);
    await installThroughOAuth(harness.service.url);
  });
  afterAll(() => harness.stop());
  afterEach(async () => {
    harness.sandbox.setFaults({});
    await harness.service.db.query('DELETE FROM settings_versions');
    await harness.service.db.query("DELETE FROM audit_log WHERE action LIKE 'settings.%'");
    harness.service.settings.invalidate(PORTAL);
  });

  const call = (userId: number, method: 'GET' | 'POST', path: string, body?: unknown, portalId = PORTAL) =>
    signedCall(harness.service.url, method, path, body, { portalId, userId, secret: harness.sandbox.app.clientSecret, timestamp: clock });
  const publish = (userId: number, published: PortalSettings, portalId = PORTAL) => call(userId, 'POST', '/api/settings/publish', { settings: published }, portalId);
  const rollback = (userId: number, version: number) => call(userId, 'POST', '/api/settings/rollback', { version });
  const overview = async (userId: number, portalId = PORTAL) => (await call(userId, 'GET', '/api/settings', undefined, portalId)).json;
  const versions = async () =>
    harness.service.db.query<{ version: number; published_by: string }>('SELECT version, published_by FROM settings_versions WHERE portal_id = $1 ORDER BY version', [PORTAL]);
  const audit = async () => harness.service.db.query<{ actor: string; action: string }>("SELECT actor, action FROM audit_log WHERE portal_id = $1 AND action LIKE 'settings.%' ORDER BY id", [PORTAL]);
  const userReads = () => harness.sandbox.calls.count({ path: USERS_ROUTE });

  it('lets the user who installed the app publish and roll back, and says so on the overview', async () => {
    expect((await overview(INSTALLER)).access).toEqual({ canPublish: true, as: 'installer' });
    expect(await publish(INSTALLER, settings(40))).toEqual({ status: 200, json: { version: 1 } });
    expect((await publish(INSTALLER, settings(50))).status).toBe(200);
    expect(await rollback(INSTALLER, 1)).toEqual({ status: 200, json: { version: 3 } });
    expect(await audit()).toEqual([
      { actor: `user:${INSTALLER}`, action: 'settings.published' },
      { actor: `user:${INSTALLER}`, action: 'settings.published' },
      { actor: `user:${INSTALLER}`, action: 'settings.rolled_back' },
    ]);
  });

  it('refuses anyone else with 403 saying who may, and changes nothing; they may still read, check and preview', async () => {
    await publish(INSTALLER, settings(40));
    const before = { versions: await versions(), audit: await audit() };

    const published = await publish(users.rep, settings(45));
    expect(published).toEqual({ status: 403, json: { error: 'forbidden', message: WHO_MAY } });
    expect(await rollback(users.rep, 1)).toEqual({ status: 403, json: { error: 'forbidden', message: WHO_MAY } });
    expect({ versions: await versions(), audit: await audit() }).toEqual(before);

    const seen = await overview(users.rep);
    expect(seen.access).toEqual({ canPublish: false, reason: WHO_MAY });
    expect(seen.live.settings.scoring.thresholds.mql).toBe(40);
    expect((await call(users.rep, 'POST', '/api/settings/validate', { settings: settings(45) })).json).toEqual({ ok: true });
    expect((await call(users.rep, 'POST', '/api/settings/preview', { settings: settings(45) })).status).toBe(200);
  });

  it('lets the editors listed in the live settings publish and roll back; nobody gets in by listing themselves in a draft', async () => {
    expect((await publish(users.rep, settings(45, [users.rep]))).status).toBe(403);

    await publish(INSTALLER, settings(40, [users.editor]));
    expect((await overview(users.editor)).access).toEqual({ canPublish: true, as: 'editor' });
    expect(await publish(users.editor, settings(41, [users.editor]))).toEqual({ status: 200, json: { version: 2 } });
    expect((await rollback(users.editor, 1)).status).toBe(200);
    expect((await versions()).map((v) => v.published_by)).toEqual([`user:${INSTALLER}`, `user:${users.editor}`, `user:${users.editor}`]);

    // An editor who removes every editor, themselves included, locks out only themselves: the installer still may.
    expect((await publish(users.editor, settings(42, []))).status).toBe(200);
    expect((await publish(users.editor, settings(43))).status).toBe(403);
    expect((await publish(INSTALLER, settings(43))).status).toBe(200);
  });

  it('lets a super admin publish, asking HubSpot once for a few minutes', async () => {
    const asked = userReads();
    expect((await overview(users.superAdmin)).access).toEqual({ canPublish: true, as: 'super_admin' });
    expect((await publish(users.superAdmin, settings(40))).status).toBe(200);
    expect((await rollback(users.superAdmin, 1)).status).toBe(200);
    expect(userReads() - asked).toBe(1);
    expect(await audit()).toEqual([
      { actor: `user:${users.superAdmin}`, action: 'settings.published' },
      { actor: `user:${users.superAdmin}`, action: 'settings.rolled_back' },
    ]);
  });

  it('takes a HubSpot failure reading the user as "not a super admin" (403), and asks again next time', async () => {
    const unknownToHubspot = await publish(STRANGER, settings(40));
    expect(unknownToHubspot.status).toBe(403);
    expect(unknownToHubspot.json.message).toBe(`${WHO_MAY} HubSpot did not say whether you are a super admin; try again in a few minutes.`);

    harness.sandbox.setFaults({ rate5xx: 1 });
    const failing = await publish(users.flakySuperAdmin, settings(40));
    expect(failing).toEqual({ status: 403, json: { error: 'forbidden', message: expect.stringMatching(/^Only the user who installed .* HubSpot did not say/) } });
    expect(await versions()).toEqual([]);

    harness.sandbox.setFaults({});
    expect((await publish(users.flakySuperAdmin, settings(40))).status).toBe(200);
  });

  it('does not ask HubSpot about super admins where the portal did not grant settings.users.read', async () => {
    const [installation] = await harness.service.db.query<{ scopes: string[] }>('SELECT scopes FROM installations WHERE portal_id = $1', [NO_USERS_SCOPE_PORTAL]);
    expect(installation!.scopes).not.toContain('settings.users.read');
    const asked = harness.sandbox.calls.count({ path: USERS_ROUTE, portalId: NO_USERS_SCOPE_PORTAL });

    const refused = await publish(users.otherPortalSuperAdmin, settings(40), NO_USERS_SCOPE_PORTAL);
    expect(refused.status).toBe(403);
    expect(refused.json.message).toMatch(/cannot see who is a super admin until it is reinstalled with permission to read the portal's users/);
    expect(harness.sandbox.calls.count({ path: USERS_ROUTE, portalId: NO_USERS_SCOPE_PORTAL })).toBe(asked);
    expect((await publish(OTHER_INSTALLER, settings(40), NO_USERS_SCOPE_PORTAL)).status).toBe(200);
  });

  it('learns the installer of an installation stored without one from its refresh token, once', async () => {
    const { db } = harness.service;
    await db.query('UPDATE installations SET installed_by_user_id = NULL WHERE portal_id = $1', [PORTAL]);
    const refreshInfo = () => harness.sandbox.calls.count({ path: callPaths.oauthIntrospect });
    const asked = refreshInfo();

    expect((await overview(INSTALLER)).access).toEqual({ canPublish: true, as: 'installer' });
    expect((await publish(INSTALLER, settings(40))).status).toBe(200);
    expect(refreshInfo() - asked).toBe(1);
    expect((await harness.service.installations.get(PORTAL))!.installedByUserId).toBe(INSTALLER);
  });
});
