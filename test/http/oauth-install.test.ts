import { randomBytes } from 'node:crypto';
import nock from 'nock';
import { loadAppDefinition } from '../../src/app-definition';
import { loadConfig } from '../../src/config';
import { APP_PROPERTIES, APP_PROPERTY_GROUP } from '../../src/hubspot/app-properties';
import { silentLogger } from '../../src/log';
import { startService, type Service } from '../../src/service';
import { testDatabases } from '../support/databases';

const API = 'https://api.hubapi.com';
const BASE = 'https://leads.example.com';
const key = randomBytes(32);
const config = loadConfig({
  PORT: '0',
  APP_BASE_URL: BASE,
  HUBSPOT_CLIENT_ID: 'client-1',
  HUBSPOT_CLIENT_SECRET: 'secret-1',
  TOKEN_ENCRYPTION_KEY: key.toString('base64'),
});
const app = loadAppDefinition(BASE);

/** HubSpot's side of a successful install of portal 4242 by user `userId`, recording what the app sent. */
function hubspotAcceptsInstall(sent: { token?: Record<string, string>; created?: string[] } = {}, userId = 555) {
  return nock(API)
    .post('/oauth/2026-03/token', (body: Record<string, string>) => {
      sent.token = body;
      return body.grant_type === 'authorization_code';
    })
    .reply(200, { token_type: 'bearer', token_use: 'access_token', access_token: 'access-abc', refresh_token: 'refresh-xyz', expires_in: 1800 })
    .post('/oauth/2026-03/token/introspect', (body: Record<string, string>) => body.token === 'access-abc' && body.client_secret === 'secret-1')
    .reply(200, {
      active: true,
      token_use: 'access_token',
      client_id: 'client-1',
      is_private_distribution: false,
      token: 'access-abc',
      user: 'admin@acme.example',
      hub_domain: 'acme.example',
      scopes: app.config.auth.requiredScopes,
      hub_id: 4242,
      app_id: 99,
      expires_in: 1799,
      user_id: userId,
      token_type: 'access',
    })
    .get('/crm/properties/2026-03/contacts/groups')
    .reply(200, { results: [{ name: 'contactinformation', label: 'Contact information', displayOrder: 0, archived: false }] })
    .post('/crm/properties/2026-03/contacts/groups')
    .reply(201, { name: APP_PROPERTY_GROUP.name, label: APP_PROPERTY_GROUP.label, displayOrder: -1, archived: false })
    .get('/crm/properties/2026-03/contacts')
    .query(true)
    .reply(200, { results: [] })
    .post('/crm/properties/2026-03/contacts/batch/create', (body: { inputs: { name: string }[] }) => {
      sent.created = body.inputs.map((input) => input.name);
      return true;
    })
    .reply(201, { status: 'COMPLETE', results: [], startedAt: '2026-03-02T10:00:00Z', completedAt: '2026-03-02T10:00:01Z' })
    .get('/crm/owners/2026-03')
    .query({ limit: '500', archived: 'false' })
    .reply(200, {
      results: [
        { id: '71', email: 'ann@acme.example', firstName: 'Ann', lastName: 'Lee', userId: 9001, type: 'PERSON', archived: false, teams: [], createdAt: '2026-01-02T10:00:00Z', updatedAt: '2026-01-02T10:00:00Z' },
      ],
    })
    .get('/crm/owners/2026-03')
    .query({ limit: '500', archived: 'true' })
    .reply(200, {
      results: [{ id: '72', email: 'gus@acme.example', firstName: 'Gus', lastName: 'Old', userId: 9002, type: 'PERSON', archived: true, teams: [], createdAt: '2025-01-02T10:00:00Z', updatedAt: '2026-01-02T10:00:00Z' }],
    })
    // The portal's own lifecycle stages, read at install.
    .get('/crm/properties/2026-03/contacts/lifecyclestage')
    .reply(200, {
      name: 'lifecyclestage', label: 'Lifecycle stage', type: 'enumeration', fieldType: 'radio', groupName: 'contactinformation', description: '',
      options: ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer'].map((value, displayOrder) => ({ label: value, value, displayOrder, hidden: false })),
      hubspotDefined: true, calculated: false, archived: false,
    });
}

describe.each(testDatabases)('OAuth install against HubSpot (nock) on $name', (database) => {
  let service: Service;
  let clock = new Date('2026-03-02T10:00:00Z');

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    service = await startService({
      config,
      hubspot: config.hubspot!,
      tokenEncryptionKey: key,
      logger: silentLogger,
      db: await database.open(),
      now: () => clock,
      jobs: false,
      pipeline: false,
      backfillOnInstall: false,
    });
  });
  afterAll(async () => {
    await service.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });
  beforeEach(async () => {
    nock.cleanAll();
    clock = new Date('2026-03-02T10:00:00Z');
    await service.db.query('DELETE FROM installations');
  });

  /** Begins an install the way a browser does; `cookie` is what that browser sends back to /oauth. */
  const startInstall = async () => {
    const response = await fetch(`${service.url}/oauth/install`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const authorize = new URL(response.headers.get('location')!);
    const [setCookie = ''] = response.headers.getSetCookie();
    return { authorize, state: authorize.searchParams.get('state')!, setCookie, cookie: setCookie.split(';', 1)[0]! };
  };
  const callback = (query: Record<string, string>, cookie?: string) =>
    fetch(`${service.url}/oauth/callback?${new URLSearchParams(query)}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const failures = async (reason: string) =>
    (await service.metrics.installFailures.get()).values.find((value) => value.labels.reason === reason)?.value ?? 0;
  const installationCount = async () => (await service.db.query('SELECT 1 FROM installations')).length;

  it('sends the user to HubSpot with the app\u2019s scopes, redirect URL and a fresh state', async () => {
    const { authorize } = await startInstall();
    expect(`${authorize.origin}${authorize.pathname}`).toBe('https://app.hubspot.com/oauth/authorize');
    expect(authorize.searchParams.get('client_id')).toBe('client-1');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${BASE}/oauth/callback`);
    expect(authorize.searchParams.get('scope')!.split(' ')).toEqual(app.config.auth.requiredScopes);
    expect(authorize.searchParams.get('optional_scope')!.split(' ')).toEqual(app.config.auth.optionalScopes);
    const other = await startInstall();
    expect(other.state).not.toBe(authorize.searchParams.get('state'));
  });

  it('gives the browser that begins the install a cookie for its state: HttpOnly, Lax, Secure on https, under /oauth, as long-lived as the state', async () => {
    const { setCookie, cookie, state } = await startInstall();
    expect(setCookie).toMatch(/^lm_install=[\w-]+; Max-Age=600; Path=\/oauth; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/);
    expect(cookie).not.toContain(state);
  });

  it('installs: exchanges the code, learns the portal, seals the tokens and provisions the properties', async () => {
    const { state, cookie } = await startInstall();
    const sent: { token?: Record<string, string>; created?: string[] } = {};
    const hubspot = hubspotAcceptsInstall(sent);

    const response = await callback({ code: 'code-1', state }, cookie);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/installed in HubSpot portal 4242/);
    // The browser's cookie has served: it is cleared.
    expect(response.headers.getSetCookie()).toEqual([expect.stringMatching(/^lm_install=; Path=\/oauth; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax$/)]);
    expect(hubspot.isDone()).toBe(true);
    expect(sent.token).toMatchObject({
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: `${BASE}/oauth/callback`,
      client_id: 'client-1',
      client_secret: 'secret-1',
    });
    expect(sent.created).toEqual(APP_PROPERTIES.map((p) => p.name));

    const installation = await service.installations.get(4242);
    expect(installation).toMatchObject({ status: 'active', hubDomain: 'acme.example', accessToken: 'access-abc', refreshToken: 'refresh-xyz', installedByUserId: 555 });
    const raw = JSON.stringify(await service.db.query('SELECT * FROM installations'));
    expect(raw).not.toMatch(/access-abc|refresh-xyz/);
    const audit = await service.db.query<{ action: string; actor: string }>('SELECT action, actor FROM audit_log WHERE portal_id = 4242');
    expect(audit).toContainEqual({ action: 'installed', actor: 'user:555' });
    // The owners API is read at install: names for the cards, and who is deactivated.
    const owners = await service.db.query('SELECT owner_id, user_id, first_name, archived FROM owners WHERE portal_id = 4242 ORDER BY owner_id');
    expect(owners).toEqual([
      { owner_id: '71', user_id: 9001, first_name: 'Ann', archived: false },
      { owner_id: '72', user_id: 9002, first_name: 'Gus', archived: true },
    ]);
  });

  it('re-installing the same portal updates it in place; whoever re-installed is now its installer', async () => {
    hubspotAcceptsInstall();
    const first = await startInstall();
    await callback({ code: 'code-1', state: first.state }, first.cookie);
    hubspotAcceptsInstall({}, 556);
    const second = await startInstall();
    const again = await callback({ code: 'code-2', state: second.state }, second.cookie);
    expect(again.status).toBe(200);
    expect(await installationCount()).toBe(1);
    expect((await service.installations.get(4242))?.installedByUserId).toBe(556);
  });

  it.each([
    ['an unknown state', async () => ({ query: { code: 'code-1', state: 'forged' }, cookie: 'lm_install=forged' })],
    ['no state', async () => ({ query: { code: 'code-1' }, cookie: (await startInstall()).cookie })],
  ])('refuses %s with 400 and stores nothing', async (_case, request) => {
    const hubspot = hubspotAcceptsInstall();
    const pending = hubspot.pendingMocks();
    const { query, cookie } = await request();
    const response = await callback(query, cookie);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/invalid, expired or was already used|started in another browser/);
    expect(hubspot.pendingMocks()).toEqual(pending);
    expect(await installationCount()).toBe(0);
  });

  describe('takes a state only from the browser it was issued to (no login CSRF)', () => {
    it.each<[string, (own: { state: string; cookie: string }) => Promise<string | undefined>]>([
      ['without the install cookie', async () => undefined],
      ['with the cookie another browser got for its own install', async () => (await startInstall()).cookie],
      ['with a forged cookie', async () => 'lm_install=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ])('refuses the callback %s with 400, before calling HubSpot, and leaves the state to its browser', async (_case, cookieFor) => {
      const own = await startInstall();
      const hubspot = hubspotAcceptsInstall();
      const pending = hubspot.pendingMocks();
      const before = await failures('browser_mismatch');

      const refused = await callback({ code: 'code-1', state: own.state }, await cookieFor(own));
      expect(refused.status).toBe(400);
      expect(await refused.text()).toBe('This install was started in another browser, or too long ago. Start again from /oauth/install in this browser.');
      expect(hubspot.pendingMocks()).toEqual(pending);
      expect(await installationCount()).toBe(0);
      expect(await failures('browser_mismatch')).toBe(before + 1);

      // Nothing was consumed: the browser that began the install still completes it.
      expect((await callback({ code: 'code-1', state: own.state }, own.cookie)).status).toBe(200);
      expect(await installationCount()).toBe(1);
    });
  });

  it('refuses an expired state with 400 and stores nothing', async () => {
    const { state, cookie } = await startInstall();
    clock = new Date(clock.getTime() + 11 * 60_000);
    hubspotAcceptsInstall();
    expect((await callback({ code: 'code-1', state }, cookie)).status).toBe(400);
    expect(await installationCount()).toBe(0);
  });

  it('refuses a state used a second time', async () => {
    const { state, cookie } = await startInstall();
    hubspotAcceptsInstall();
    expect((await callback({ code: 'code-1', state }, cookie)).status).toBe(200);
    await service.db.query('DELETE FROM installations');
    hubspotAcceptsInstall();
    expect((await callback({ code: 'code-1', state }, cookie)).status).toBe(400);
    expect(await installationCount()).toBe(0);
  });

  it('answers 400 and stores nothing when HubSpot refuses the code, or the user denied access', async () => {
    nock(API).post('/oauth/2026-03/token').reply(400, { status: 'BAD_AUTH_CODE', message: 'missing or unknown auth code' });
    const { state, cookie } = await startInstall();
    expect((await callback({ code: 'stale', state }, cookie)).status).toBe(400);
    expect((await callback({ error: 'access_denied', error_description: 'User denied' })).status).toBe(400);
    expect(await installationCount()).toBe(0);
  });
});
