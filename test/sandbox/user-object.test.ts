import request from 'supertest';
import { createHubspotSandbox, setUserAvailability } from '../../src/sandbox';
import { sandboxWithToken } from './harness';

const WORKING_HOURS = JSON.stringify([{ days: 'MONDAY_TO_FRIDAY', startMinute: 540, endMinute: 1020 }]);

describe('users object (0-115) at the dated CRM objects paths', () => {
  it('lists one record per user, with the asked-for properties and the defaults, its own record id and the user id in hs_internal_user_id', async () => {
    const { sandbox, auth, portalId } = sandboxWithToken();
    const rep = sandbox.state.createOwner(portalId, { email: 'rep@x.com', firstName: 'Rae', lastName: 'Rep' });
    setUserAvailability(sandbox.state.portal(portalId), rep.userId, { hs_working_hours: WORKING_HOURS, hs_standard_time_zone: 'Europe/Berlin', hs_availability_status: 'away' });

    const page = await request(sandbox.handler)
      .get('/crm/objects/2026-03/users')
      .query({ properties: 'hs_internal_user_id,hs_working_hours,hs_standard_time_zone,hs_availability_status,hs_out_of_office_hours' })
      .set(auth)
      .expect(200);
    const record = page.body.results.find((r: { properties: Record<string, string> }) => r.properties.hs_internal_user_id === String(rep.userId));
    expect(record).toMatchObject({
      properties: {
        hs_object_id: record.id,
        hs_working_hours: WORKING_HOURS,
        hs_standard_time_zone: 'Europe/Berlin',
        hs_availability_status: 'away',
        hs_createdate: expect.any(String),
        hs_lastmodifieddate: expect.any(String),
      },
      archived: false,
    });
    expect(record.id).not.toBe(String(rep.userId));
    const byTypeId = await request(sandbox.handler).get('/crm/objects/2026-03/0-115').set(auth).expect(200);
    expect(byTypeId.body.results).toHaveLength(page.body.results.length);
  });

  it('pages with after and limit, and reads a batch by hs_internal_user_id', async () => {
    const { sandbox, auth, portalId } = sandboxWithToken();
    const reps = ['a', 'b', 'c'].map((name) => sandbox.state.createOwner(portalId, { email: `${name}@x.com`, firstName: name, lastName: 'Rep' }));
    const first = await request(sandbox.handler).get('/crm/objects/2026-03/users').query({ limit: 2 }).set(auth).expect(200);
    expect(first.body.results).toHaveLength(2);
    const second = await request(sandbox.handler).get('/crm/objects/2026-03/users').query({ limit: 2, after: first.body.paging.next.after }).set(auth).expect(200);
    expect(second.body.results).toHaveLength(2); // the installing user and three reps
    expect(second.body.paging).toBeUndefined();

    const batch = await request(sandbox.handler)
      .post('/crm/objects/2026-03/users/batch/read')
      .send({ idProperty: 'hs_internal_user_id', inputs: [{ id: String(reps[1]!.userId) }], properties: ['hs_internal_user_id'] })
      .set(auth)
      .expect(200);
    expect(batch.body.results.map((r: { properties: Record<string, string> }) => r.properties.hs_internal_user_id)).toEqual([String(reps[1]!.userId)]);
  });

  it('answers 403 MISSING_SCOPES to a token without crm.objects.users.read', async () => {
    const sandbox = createHubspotSandbox();
    const portal = sandbox.installingPortal();
    const { accessToken } = sandbox.issueTokens(portal.portalId, ['oauth', 'crm.objects.contacts.read']);
    const refused = await request(sandbox.handler).get('/crm/objects/2026-03/users').set({ Authorization: `Bearer ${accessToken}` }).expect(403);
    expect(refused.body).toMatchObject({ category: 'MISSING_SCOPES' });
  });
});
