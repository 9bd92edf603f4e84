import request from 'supertest';
import { createHubspotSandbox } from '../../src/sandbox';
import { manualClock } from './harness';

const redirectUri = 'https://lead-manager.example.com/oauth/callback';

function sandbox() {
  const clock = manualClock();
  const hub = createHubspotSandbox({ now: clock.now, app: { redirectUris: [redirectUri] } });
  return { hub, clock, app: hub.handler, client: { client_id: hub.app.clientId, client_secret: hub.app.clientSecret } };
}

async function authorize(app: ReturnType<typeof sandbox>['app'], query: Record<string, string>): Promise<URL> {
  const res = await request(app).get('/oauth/authorize').query(query).expect(302);
  return new URL(res.headers.location as string);
}

describe('OAuth install flow', () => {
  it('auto-approves for the installing portal and redirects with code and state', async () => {
    const { hub, app, client } = sandbox();
    const location = await authorize(app, {
      client_id: client.client_id, redirect_uri: redirectUri, state: 'xyz',
      scope: 'oauth crm.objects.contacts.read crm.objects.contacts.write', optional_scope: 'crm.objects.owners.read not.a.scope',
    });
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('xyz');
    const code = location.searchParams.get('code')!;

    const token = await request(app).post('/oauth/v1/token').type('form')
      .send({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...client }).expect(200);
    expect(token.body).toEqual({
      token_type: 'bearer', token_use: 'access_token', access_token: expect.any(String), refresh_token: expect.any(String), expires_in: 1800,
      hub_id: hub.installingPortal().portalId, scopes: ['oauth', 'crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.objects.owners.read'],
    });

    const info = await request(app).get(`/oauth/v1/access-tokens/${token.body.access_token}`).expect(200);
    expect(info.body).toEqual({
      token: token.body.access_token, user: hub.installingPortal().user.email, hub_domain: hub.installingPortal().domain,
      scopes: ['oauth', 'crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.objects.owners.read'],
      hub_id: hub.installingPortal().portalId, app_id: hub.app.appId, expires_in: 1800, user_id: hub.installingPortal().user.id, token_type: 'access',
    });
  });

  it('uses a code once only, and only with the redirect_uri it was issued for', async () => {
    const { app, client } = sandbox();
    const code = (await authorize(app, { client_id: client.client_id, redirect_uri: redirectUri, scope: 'oauth' })).searchParams.get('code')!;
    const wrongRedirect = await request(app).post('/oauth/v1/token').type('form')
      .send({ grant_type: 'authorization_code', code, redirect_uri: 'https://elsewhere.test/cb', ...client }).expect(400);
    expect(wrongRedirect.body).toMatchObject({ status: 'BAD_REDIRECT_URI', correlationId: expect.any(String) });
    const reused = await request(app).post('/oauth/v1/token').type('form')
      .send({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...client }).expect(400);
    expect(reused.body).toMatchObject({ status: 'BAD_AUTH_CODE', message: expect.any(String) });
  });

  it('checks client id and secret', async () => {
    const { app, client } = sandbox();
    const badId = await request(app).post('/oauth/v1/token').type('form')
      .send({ grant_type: 'refresh_token', refresh_token: 'x', client_id: 'nope', client_secret: client.client_secret }).expect(400);
    expect(badId.body.status).toBe('BAD_CLIENT_ID');
    const badSecret = await request(app).post('/oauth/v1/token').type('form')
      .send({ grant_type: 'refresh_token', refresh_token: 'x', client_id: client.client_id, client_secret: 'nope' }).expect(400);
    expect(badSecret.body.status).toBe('BAD_CLIENT_SECRET');
  });

  it('answers 400 to an unknown client_id or redirect_uri and redirects with invalid_scope for unknown scopes', async () => {
    const { app, client } = sandbox();
    await request(app).get('/oauth/authorize').query({ client_id: 'nope', redirect_uri: redirectUri, scope: 'oauth' }).expect(400);
    await request(app).get('/oauth/authorize').query({ client_id: client.client_id, redirect_uri: 'https://evil.test/cb', scope: 'oauth' }).expect(400);
    const location = await authorize(app, { client_id: client.client_id, redirect_uri: redirectUri, scope: 'oauth crm.made.up', state: 's' });
    expect(location.searchParams.get('error')).toBe('invalid_scope');
    expect(location.searchParams.get('code')).toBeNull();
    expect(location.searchParams.get('state')).toBe('s');
  });

  it('refreshes to a new access token with the same refresh token; expiry follows the clock', async () => {
    const { hub, clock, app, client } = sandbox();
    const { refreshToken, accessToken } = hub.issueTokens(hub.installingPortal().portalId);
    clock.advance(1_800_000);
    const expired = await request(app).get('/crm/v3/owners').set('Authorization', `Bearer ${accessToken}`).expect(401);
    expect(expired.body).toMatchObject({ status: 'error', category: 'EXPIRED_AUTHENTICATION', correlationId: expect.any(String) });

    const refreshed = await request(app).post('/oauth/v1/token').type('form')
      .send({ grant_type: 'refresh_token', refresh_token: refreshToken, ...client }).expect(200);
    expect(refreshed.body.refresh_token).toBe(refreshToken);
    expect(refreshed.body.access_token).not.toBe(accessToken);
    await request(app).get('/crm/v3/owners').set('Authorization', `Bearer ${refreshed.body.access_token}`).expect(200);
  });

  it('uninstall revokes refresh and access tokens; expireAccessTokens only the latter', async () => {
    const { hub, app, client } = sandbox();
    const portalId = hub.installingPortal().portalId;
    const first = hub.issueTokens(portalId);
    hub.expireAccessTokens(portalId);
    await request(app).get('/crm/v3/owners').set('Authorization', `Bearer ${first.accessToken}`).expect(401);
    const second = hub.issueTokens(portalId);
    hub.revokeRefreshTokens(portalId);
    const gone = await request(app).get('/crm/v3/owners').set('Authorization', `Bearer ${second.accessToken}`).expect(401);
    expect(gone.body.category).toBe('INVALID_AUTHENTICATION');
    const refresh = await request(app).post('/oauth/v1/token').type('form')
      .send({ grant_type: 'refresh_token', refresh_token: second.refreshToken, ...client }).expect(400);
    expect(refresh.body).toMatchObject({ status: 'BAD_REFRESH_TOKEN', message: 'missing or invalid refresh token' });
  });

  it('answers 401 INVALID_AUTHENTICATION without a bearer token, and 403 MISSING_SCOPES without the scope', async () => {
    const { hub, app } = sandbox();
    const missing = await request(app).post('/crm/v3/objects/contacts/batch/read').send({ inputs: [] }).expect(401);
    expect(missing.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    const { accessToken } = hub.issueTokens(hub.installingPortal().portalId, ['oauth', 'crm.objects.contacts.read']);
    const forbidden = await request(app).get('/crm/v3/owners').set('Authorization', `Bearer ${accessToken}`).expect(403);
    expect(forbidden.body).toMatchObject({ category: 'MISSING_SCOPES', errors: [{ context: { requiredGranularScopes: ['crm.objects.owners.read'] } }] });
  });
});
