import { Client } from '@hubspot/api-client';
import { createHubspotSandbox, type HubspotSandbox, type ListeningSandbox } from '../../src/sandbox';

const redirectUri = 'http://localhost:3000/oauth/callback';

describe('the real @hubspot/api-client against the sandbox', () => {
  let sandbox: HubspotSandbox;
  let server: ListeningSandbox;

  beforeAll(async () => {
    sandbox = createHubspotSandbox();
    server = await sandbox.listen();
  });
  afterAll(() => server.close());

  async function install(): Promise<{ accessToken: string; refreshToken: string }> {
    const authorize = new URL('/oauth/authorize', server.url);
    authorize.search = new URLSearchParams({
      client_id: sandbox.app.clientId, redirect_uri: redirectUri, scope: 'oauth crm.objects.contacts.read crm.objects.contacts.write crm.objects.owners.read crm.schemas.contacts.write',
    }).toString();
    const redirect = await fetch(authorize, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const code = new URL(redirect.headers.get('location')!).searchParams.get('code')!;
    const oauth = new Client({ basePath: server.url });
    const tokens = await oauth.oauth.tokensApi.create('authorization_code', code, redirectUri, sandbox.app.clientId, sandbox.app.clientSecret);
    expect(tokens.tokenType).toBe('bearer');
    expect(tokens.expiresIn).toBe(1800);
    return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  }

  it('installs, introspects and refreshes through the SDK', async () => {
    const { accessToken, refreshToken } = await install();
    const oauth = new Client({ basePath: server.url });
    const info = await oauth.oauth.accessTokensApi.get(accessToken);
    expect(info).toMatchObject({ hubId: sandbox.installingPortal().portalId, appId: sandbox.app.appId, userId: sandbox.installingPortal().user.id, token: accessToken });
    expect(info.scopes).toContain('crm.objects.contacts.write');
    const refreshed = await oauth.oauth.tokensApi.create('refresh_token', undefined, undefined, sandbox.app.clientId, sandbox.app.clientSecret, refreshToken);
    expect(refreshed.refreshToken).toBe(refreshToken);
    const refreshInfo = await oauth.oauth.refreshTokensApi.get(refreshToken);
    expect(refreshInfo).toMatchObject({ hubId: sandbox.installingPortal().portalId, userId: sandbox.installingPortal().user.id, hubDomain: sandbox.installingPortal().domain });
  });

  it('reads a user of the portal through the SDK’s user provisioning API', async () => {
    const portalId = sandbox.installingPortal().portalId;
    const owner = sandbox.state.createOwner(portalId, { email: 'boss@example.com', firstName: 'Bo', lastName: 'Ss', superAdmin: true });
    const client = new Client({ accessToken: sandbox.issueTokens(portalId).accessToken, basePath: server.url });
    const user = await client.settings.users.usersApi.getById(String(owner.userId));
    expect(user).toMatchObject({ id: String(owner.userId), email: 'boss@example.com', superAdmin: true, roleIds: [] });
  });

  it('reads and updates contacts, lists owners and creates properties through the SDK', async () => {
    const { accessToken } = await install();
    const portalId = sandbox.installingPortal().portalId;
    const contact = sandbox.state.createRecord(portalId, 'contacts', { email: 'sdk@example.com', firstname: 'Sdk' });
    const owner = sandbox.state.createOwner(portalId, { email: 'owner@example.com', firstName: 'Own', lastName: 'Er' });
    const client = new Client({ accessToken, basePath: server.url });

    const read = await client.crm.contacts.batchApi.read({ inputs: [{ id: contact.id }], properties: ['email', 'firstname'], propertiesWithHistory: [] });
    expect(read.results[0]?.properties).toMatchObject({ email: 'sdk@example.com', firstname: 'Sdk' });
    expect(read.results[0]?.createdAt).toBeInstanceOf(Date);

    const updated = await client.crm.contacts.batchApi.update({ inputs: [{ id: contact.id, properties: { hubspot_owner_id: owner.id } }] });
    expect(updated.status).toBe('COMPLETE');
    expect(sandbox.state.properties(portalId, 'contacts', contact.id)?.hubspot_owner_id).toBe(owner.id);

    const owners = await client.crm.owners.ownersApi.getPage();
    expect(owners.results.map((o) => o.email)).toContain('owner@example.com');

    await client.crm.properties.groupsApi.create('contacts', { name: 'lead_manager', label: 'Lead manager' });
    const created = await client.crm.properties.batchApi.create('contacts', {
      inputs: [{ name: 'lead_score', label: 'Lead score', type: 'number' as never, fieldType: 'number' as never, groupName: 'lead_manager' }],
    });
    expect(created.results.map((p) => p.name)).toEqual(['lead_score']);

    const call = sandbox.state.createRecord(portalId, 'calls', { hs_timestamp: '1736150400000' }, { associations: [{ type: 'contacts', id: contact.id }] });
    const associations = await client.crm.associations.v4.batchApi.getPage('calls', 'contacts', { inputs: [{ id: call.id }] });
    expect(associations.results[0]?.to.map((t) => String(t.toObjectId))).toEqual([contact.id]);

    const found = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ' as never, value: 'sdk@example.com' }] }], properties: ['email'], limit: 10, after: '0', sorts: [],
    });
    expect(found.total).toBe(1);
    expect(found.results[0]?.id).toBe(contact.id);

    await expect(client.crm.contacts.batchApi.update({ inputs: [{ id: contact.id, properties: { no_such_property: 'x' } }] }))
      .rejects.toMatchObject({ code: 400, body: { category: 'VALIDATION_ERROR' } });
  });
});
