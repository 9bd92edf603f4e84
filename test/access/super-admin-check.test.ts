import nock from 'nock';
import { createSuperAdminCheck } from '../../src/access/super-admin-check';
import { silentLogger } from '../../src/log';
import { API, testGateway } from '../hubspot/gateway-test-kit';

const PORTAL = 7;
const GRANTED = { portalId: PORTAL, scopes: ['oauth', 'settings.users.read'] };
const MINUTE = 60_000;
const user = (id: number, superAdmin: boolean) => ({ id: String(id), email: `${id}@example.com`, roleIds: [], superAdmin });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('super admin check (HubSpot\u2019s user provisioning API through the gateway)', () => {
  let gateway: ReturnType<typeof testGateway>;
  let clock = 0;
  beforeEach(() => {
    gateway = testGateway();
    clock = Date.UTC(2026, 2, 2);
  });
  afterEach(() => gateway.close());
  const check = () => createSuperAdminCheck({ gateway, logger: silentLogger, now: () => clock });

  it('never asks HubSpot where the portal did not grant settings.users.read', async () => {
    expect(await check()({ portalId: PORTAL, scopes: ['oauth', 'crm.objects.owners.read'] }, 11)).toBe('scope_not_granted');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('keeps HubSpot\u2019s answer for five minutes per portal and user, then asks again', async () => {
    const hubspot = nock(API)
      .get('/settings/v3/users/11').query(true).reply(200, user(11, true))
      .get('/settings/v3/users/12').query(true).reply(200, user(12, false))
      .get('/settings/v3/users/11').query(true).reply(200, user(11, false));
    const isSuperAdmin = check();

    expect(await isSuperAdmin(GRANTED, 11)).toBe('yes');
    expect(await isSuperAdmin(GRANTED, 12)).toBe('no');
    clock += 5 * MINUTE - 1;
    expect(await isSuperAdmin(GRANTED, 11)).toBe('yes');
    clock += 1;
    expect(await isSuperAdmin(GRANTED, 11)).toBe('no');
    expect(hubspot.isDone()).toBe(true);
  });

  it('answers hubspot_failed when HubSpot fails (not found, refused), and does not keep that', async () => {
    nock(API)
      .get('/settings/v3/users/13').query(true).reply(404, { status: 'error', message: 'resource not found', category: 'OBJECT_NOT_FOUND' })
      .get('/settings/v3/users/13').query(true).reply(403, { status: 'error', message: 'missing scopes', category: 'MISSING_SCOPES' })
      .get('/settings/v3/users/13').query(true).reply(200, user(13, true));
    const isSuperAdmin = check();

    expect(await isSuperAdmin(GRANTED, 13)).toBe('hubspot_failed');
    expect(await isSuperAdmin(GRANTED, 13)).toBe('hubspot_failed');
    expect(await isSuperAdmin(GRANTED, 13)).toBe('yes');
  });
});
