import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { APP_PROPERTIES, APP_PROPERTY_GROUP } from '../../src/hubspot/app-properties';
import { PortalInactiveError } from '../../src/hubspot/token-provider';
import { silentLogger } from '../../src/log';
import { DEMO_PORTAL_ID, installThroughOAuth, startSandboxMode, type SandboxMode } from '../../src/sandbox-mode';
import { freePort } from '../support/free-port';
import { callPaths } from '../../src/sandbox/route-paths';

/** The install flow end to end against the HubSpot emulator, as `npm start` runs it. */
describe('sandbox mode: install through OAuth against the HubSpot emulator', () => {
  let mode: SandboxMode;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lead-manager-sandbox-'));
    const config = loadConfig({ PORT: String(await freePort()), DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    mode = await startSandboxMode(config, silentLogger, { contacts: 20, jobs: false });
  });
  afterAll(async () => {
    await mode.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const portalProperties = (portalId: number) => mode.sandbox.state.portal(portalId).properties.get('contacts')!;
  const createCalls = (portalId: number) =>
    mode.sandbox.calls.count({ portalId, method: 'POST', path: callPaths.propertiesBatchCreate });

  it('installed the demo portal with sealed tokens, and created the app\u2019s group and properties in it', async () => {
    const installation = await mode.service.installations.get(DEMO_PORTAL_ID);
    expect(installation).toMatchObject({ status: 'active', hubDomain: 'demo-portal.sandbox.hubspot.local' });
    expect(installation!.scopes).toContain('crm.objects.contacts.write');
    const raw = JSON.stringify(await mode.service.db.query('SELECT * FROM installations'));
    expect(raw).not.toContain(installation!.accessToken);
    expect(raw).not.toContain(installation!.refreshToken);

    expect(mode.sandbox.state.portal(DEMO_PORTAL_ID).groups.get('contacts')!.has(APP_PROPERTY_GROUP.name)).toBe(true);
    const properties = portalProperties(DEMO_PORTAL_ID);
    for (const ours of APP_PROPERTIES) {
      expect(properties.get(ours.name)).toMatchObject({ name: ours.name, type: ours.type, groupName: APP_PROPERTY_GROUP.name });
    }
  });

  it('provisions idempotently: a second run creates nothing', async () => {
    const before = createCalls(DEMO_PORTAL_ID);
    expect(await mode.service.provision(DEMO_PORTAL_ID)).toEqual({
      groupCreated: false,
      created: [],
      existing: APP_PROPERTIES.map((p) => p.name),
    });
    expect(createCalls(DEMO_PORTAL_ID)).toBe(before);
  });

  it('never alters a property the portal already has under one of our names', async () => {
    const portal = mode.sandbox.state.createPortal({ portalId: 777_001, domain: 'own-props.example', user: { id: 9, email: 'a@b.example' } });
    const { accessToken } = mode.sandbox.issueTokens(portal.portalId);
    const created = await fetch(`${mode.sandboxUrl}/crm/properties/2026-03/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'lm_score', label: 'Our own score', type: 'string', fieldType: 'text', groupName: 'contactinformation' }),
    });
    expect(created.status).toBe(201);

    mode.sandbox.setInstallingPortal(portal.portalId);
    await installThroughOAuth(mode.service.url);

    expect(portalProperties(portal.portalId).get('lm_score')).toMatchObject({ label: 'Our own score', type: 'string', groupName: 'contactinformation' });
    expect(portalProperties(portal.portalId).get('lm_fit_grade')).toMatchObject({ groupName: APP_PROPERTY_GROUP.name });
    expect((await mode.service.provision(portal.portalId)) as object).toMatchObject({ created: [], existing: expect.arrayContaining(['lm_score']) });
  });

  it('refreshes an expired access token and goes on', async () => {
    mode.sandbox.expireAccessTokens(DEMO_PORTAL_ID);
    const owners = await mode.service.gateway.forPortal(DEMO_PORTAL_ID).owners.listAll();
    expect(owners.length).toBeGreaterThan(0);
    expect(mode.sandbox.calls.count({ path: callPaths.oauthToken, status: 200 })).toBeGreaterThanOrEqual(2);
  });

  it('marks the portal uninstalled when HubSpot no longer accepts its refresh token, and stops calling for it', async () => {
    mode.sandbox.revokeRefreshTokens(DEMO_PORTAL_ID);
    mode.sandbox.expireAccessTokens(DEMO_PORTAL_ID);
    const client = mode.service.gateway.forPortal(DEMO_PORTAL_ID);
    await expect(client.owners.listAll()).rejects.toBeInstanceOf(PortalInactiveError);
    expect((await mode.service.installations.get(DEMO_PORTAL_ID))?.status).toBe('uninstalled');
    const calls = mode.sandbox.calls.count({ portalId: DEMO_PORTAL_ID });
    await expect(client.owners.listAll()).rejects.toBeInstanceOf(PortalInactiveError);
    expect(mode.sandbox.calls.count({ portalId: DEMO_PORTAL_ID })).toBe(calls);
    const metrics = await mode.service.metrics.registry.metrics();
    expect(metrics).toMatch(/^lead_manager_uninstalls_total 1$/m);
  });
});
