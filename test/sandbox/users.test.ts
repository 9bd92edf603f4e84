import request from 'supertest';
import { createHubspotSandbox } from '../../src/sandbox';
import { sandboxWithToken } from './harness';

const redirectUri = 'https://lead-manager.example.com/oauth/callback';

describe('users (user provisioning API)', () => {
  it('answers a user by id or by email, with HubSpot\u2019s PublicUser shape; the installing user is a super admin', async () => {
    const { sandbox, auth, portalId } = sandboxWithToken();
    const team = sandbox.state.createTeam(portalId, 'Inbound');
    const rep = sandbox.state.createOwner(portalId, { email: 'Rep@x.com', firstName: 'Rae', lastName: 'Rep', teamIds: [team.id] });

    const byId = await request(sandbox.handler).get(`/settings/v3/users/${rep.userId}`).set(auth).expect(200);
    expect(byId.body).toEqual({
      id: String(rep.userId), email: 'Rep@x.com', firstName: 'Rae', lastName: 'Rep', roleIds: [], primaryTeamId: team.id, secondaryTeamIds: [],
      superAdmin: false, sendWelcomeEmail: false,
    });
    const byEmail = await request(sandbox.handler).get('/settings/v3/users/rep@x.com').query({ idProperty: 'EMAIL' }).set(auth).expect(200);
    expect(byEmail.body.id).toBe(String(rep.userId));

    const installer = sandbox.installingPortal().user;
    const admin = await request(sandbox.handler).get(`/settings/v3/users/${installer.id}`).set(auth).expect(200);
    expect(admin.body).toMatchObject({ id: String(installer.id), email: installer.email, superAdmin: true });
  });

  it('answers 404 for a user the portal does not have, 400 for an unknown idProperty', async () => {
    const { sandbox, auth } = sandboxWithToken();
    const missing = await request(sandbox.handler).get('/settings/v3/users/123').set(auth).expect(404);
    expect(missing.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', correlationId: expect.any(String) });
    await request(sandbox.handler).get('/settings/v3/users/123').query({ idProperty: 'NAME' }).set(auth).expect(400);
  });

  it('answers 403 MISSING_SCOPES to a token without settings.users.read or .write, 401 without a token', async () => {
    const sandbox = createHubspotSandbox();
    const portal = sandbox.installingPortal();
    const { accessToken } = sandbox.issueTokens(portal.portalId, ['oauth', 'crm.objects.contacts.read']);
    const refused = await request(sandbox.handler).get(`/settings/v3/users/${portal.user.id}`).set({ Authorization: `Bearer ${accessToken}` }).expect(403);
    expect(refused.body).toMatchObject({
      status: 'error',
      category: 'MISSING_SCOPES',
      errors: [{ context: { requiredGranularScopes: ['settings.users.read', 'settings.users.write'] } }],
    });
    await request(sandbox.handler).get(`/settings/v3/users/${portal.user.id}`).expect(401);
  });
});

describe('OAuth and the scopes an account can grant', () => {
  it('leaves out the optional scopes the account withholds; refresh-token info names the installing user and hub domain', async () => {
    const hub = createHubspotSandbox({ portals: [{ withheldScopes: ['settings.users.read'] }], app: { redirectUris: [redirectUri] } });
    const client = { client_id: hub.app.clientId, client_secret: hub.app.clientSecret };
    const authorized = await request(hub.handler).get('/oauth/authorize')
      .query({ ...client, redirect_uri: redirectUri, scope: 'oauth crm.objects.contacts.read', optional_scope: 'settings.users.read crm.objects.owners.read' })
      .expect(302);
    const code = new URL(authorized.headers.location as string).searchParams.get('code')!;
    const tokens = await request(hub.handler).post('/oauth/v1/token').type('form')
      .send({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...client }).expect(200);

    const portal = hub.installingPortal();
    const info = await request(hub.handler).get(`/oauth/v1/refresh-tokens/${tokens.body.refresh_token}`).expect(200);
    expect(info.body).toEqual({
      token: tokens.body.refresh_token, user: portal.user.email, hub_domain: portal.domain, scopes: ['oauth', 'crm.objects.contacts.read', 'crm.objects.owners.read'],
      hub_id: portal.portalId, client_id: hub.app.clientId, user_id: portal.user.id, token_type: 'refresh',
    });
    await request(hub.handler).get('/oauth/v1/refresh-tokens/not-a-token').expect(404);
  });
});
