import request from 'supertest';
import { callPaths, createHubspotSandbox } from '../../src/sandbox';
import { manualClock } from './harness';

const V = '2026-03';
const redirectUri = 'https://lead-manager.example.com/oauth/callback';

function sandbox() {
  const clock = manualClock();
  const hub = createHubspotSandbox({ now: clock.now, app: { redirectUris: [redirectUri] } });
  const portal = hub.installingPortal();
  return { hub, clock, portal, app: hub.handler, client: { client_id: hub.app.clientId, client_secret: hub.app.clientSecret } };
}

describe(`POST /oauth/${V}/token`, () => {
  it('exchanges a code and refreshes, form-encoded, with HubSpot’s token answer', async () => {
    const { hub, app, client, portal } = sandbox();
    const authorized = await request(app).get('/oauth/authorize')
      .query({ client_id: client.client_id, redirect_uri: redirectUri, scope: 'oauth crm.objects.contacts.read' }).expect(302);
    const code = new URL(authorized.headers.location as string).searchParams.get('code')!;

    const issued = await request(app).post(`/oauth/${V}/token`).type('form')
      .send({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...client }).expect(200);
    expect(issued.body).toEqual({
      token_type: 'bearer', token_use: 'access_token', access_token: expect.any(String), refresh_token: expect.any(String), expires_in: 1800,
      hub_id: portal.portalId, scopes: ['oauth', 'crm.objects.contacts.read'],
    });

    const refreshed = await request(app).post(`/oauth/${V}/token`).type('form')
      .send({ grant_type: 'refresh_token', refresh_token: issued.body.refresh_token, ...client }).expect(200);
    expect(refreshed.body).toMatchObject({ refresh_token: issued.body.refresh_token, hub_id: portal.portalId, scopes: ['oauth', 'crm.objects.contacts.read'] });
    expect(refreshed.body.access_token).not.toBe(issued.body.access_token);
    expect(hub.calls.all({ path: callPaths.oauthToken }).map((call) => call.version)).toEqual([V, V]);
  });

  it('refuses a bad client secret or refresh token like the v1 endpoint', async () => {
    const { app, client } = sandbox();
    const badSecret = await request(app).post(`/oauth/${V}/token`).type('form')
      .send({ grant_type: 'refresh_token', refresh_token: 'x', client_id: client.client_id, client_secret: 'nope' }).expect(400);
    expect(badSecret.body.status).toBe('BAD_CLIENT_SECRET');
    const badRefresh = await request(app).post(`/oauth/${V}/token`).type('form')
      .send({ grant_type: 'refresh_token', refresh_token: 'x', ...client }).expect(400);
    expect(badRefresh.body.status).toBe('BAD_REFRESH_TOKEN');
  });
});

describe(`POST /oauth/${V}/token/introspect`, () => {
  const introspect = (app: ReturnType<typeof sandbox>['app'], form: Record<string, string>) =>
    request(app).post(`/oauth/${V}/token/introspect`).type('form').send(form);

  it('describes a live access token: portal, user, app, scopes and remaining lifetime', async () => {
    const { hub, app, client, portal, clock } = sandbox();
    const { accessToken } = hub.issueTokens(portal.portalId, ['oauth', 'crm.objects.owners.read']);
    clock.advance(60_000);
    const res = await introspect(app, { ...client, token: accessToken }).expect(200);
    expect(res.body).toEqual({
      active: true, token_use: 'access_token', token: accessToken, token_type: 'access', expires_in: 1740,
      hub_id: portal.portalId, hub_domain: portal.domain, user_id: portal.user.id, user: portal.user.email,
      client_id: hub.app.clientId, app_id: hub.app.appId, scopes: ['oauth', 'crm.objects.owners.read'], is_private_distribution: false,
    });
    expect(hub.calls.count({ path: callPaths.oauthIntrospect, version: V, status: 200 })).toBe(1);
  });

  it('describes a refresh token, with or without the hint', async () => {
    const { hub, app, client, portal } = sandbox();
    const { refreshToken } = hub.issueTokens(portal.portalId, ['oauth']);
    for (const hint of [{ token_type_hint: 'refresh_token' }, {}] as Record<string, string>[]) {
      const res = await introspect(app, { ...client, token: refreshToken, ...hint }).expect(200);
      expect(res.body).toMatchObject({ active: true, token_use: 'refresh_token', token: refreshToken, hub_id: portal.portalId, user_id: portal.user.id, scopes: ['oauth'] });
      expect(res.body.expires_in).toBeUndefined();
    }
  });

  it('answers active: false for an expired, revoked or unknown token', async () => {
    const { hub, app, client, portal } = sandbox();
    const first = hub.issueTokens(portal.portalId);
    hub.expireAccessTokens(portal.portalId);
    expect((await introspect(app, { ...client, token: first.accessToken }).expect(200)).body).toEqual({ active: false });
    hub.revokeRefreshTokens(portal.portalId);
    expect((await introspect(app, { ...client, token: first.refreshToken }).expect(200)).body).toEqual({ active: false });
    expect((await introspect(app, { ...client, token: 'not-a-token' }).expect(200)).body).toEqual({ active: false });
  });

  it('checks the client credentials and asks for the token', async () => {
    const { hub, app, client, portal } = sandbox();
    const { accessToken } = hub.issueTokens(portal.portalId);
    const badId = await introspect(app, { client_id: 'nope', client_secret: client.client_secret, token: accessToken }).expect(400);
    expect(badId.body).toMatchObject({ status: 'BAD_CLIENT_ID', correlationId: expect.any(String) });
    const badSecret = await introspect(app, { client_id: client.client_id, client_secret: 'nope', token: accessToken }).expect(400);
    expect(badSecret.body.status).toBe('BAD_CLIENT_SECRET');
    await introspect(app, { ...client }).expect(400);
  });

  it('has no legacy v1 form, and the v1 metadata read is not dated', async () => {
    const { hub, app, portal } = sandbox();
    const { accessToken } = hub.issueTokens(portal.portalId);
    await request(app).post('/oauth/v1/token/introspect').type('form').send({ token: accessToken }).expect(404);
    await request(app).get(`/oauth/${V}/access-tokens/${accessToken}`).expect(404);
    await request(app).get(`/oauth/v1/access-tokens/${accessToken}`).expect(200);
  });
});
