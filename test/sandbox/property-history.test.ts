import request from 'supertest';
import { manualClock, sandboxWithToken } from './harness';

const BATCH_READ = '/crm/objects/2026-03/contacts/batch/read';

describe('contacts batch read with property history (dated path)', () => {
  it('lists each value a property held, newest first, with its time and source', async () => {
    const clock = manualClock();
    const { sandbox, portalId, auth } = sandboxWithToken({ now: clock.now });
    const id = sandbox.state.createRecord(portalId, 'contacts', { email: 'a@example.com' }).id;
    const t1 = clock.now() + 60_000;
    const t2 = t1 + 60_000;
    sandbox.state.setProperties(portalId, 'contacts', id, { hs_analytics_last_url: 'https://x.example/pricing' }, t1, { sourceType: 'ANALYTICS' });
    sandbox.state.setProperties(portalId, 'contacts', id, { hs_analytics_last_url: 'https://x.example/pricing' }, t2 - 1, { sourceType: 'ANALYTICS' });
    sandbox.state.setProperties(portalId, 'contacts', id, { hs_analytics_last_url: 'https://x.example/blog' }, t2, { sourceType: 'CRM_UI', sourceId: 'userId:7' });

    const res = await request(sandbox.handler).post(BATCH_READ).set(auth)
      .send({ inputs: [{ id }], properties: ['email'], propertiesWithHistory: ['hs_analytics_last_url', 'hs_email_last_open_date', 'not_a_property'] }).expect(200);
    expect(res.body.results[0].properties.email).toBe('a@example.com');
    expect(res.body.results[0].propertiesWithHistory).toEqual({
      hs_analytics_last_url: [
        { value: 'https://x.example/blog', timestamp: new Date(t2).toISOString(), sourceType: 'CRM_UI', sourceId: 'userId:7' },
        { value: 'https://x.example/pricing', timestamp: new Date(t1).toISOString(), sourceType: 'ANALYTICS' },
      ],
      hs_email_last_open_date: [],
    });
  });

  it('refuses more than 50 records when histories are asked for, as HubSpot does', async () => {
    const { sandbox, portalId, auth } = sandboxWithToken();
    const ids = Array.from({ length: 51 }, (_, i) => sandbox.state.createRecord(portalId, 'contacts', { email: `c${i}@example.com` }).id);
    const inputs = ids.map((id) => ({ id }));
    const res = await request(sandbox.handler).post(BATCH_READ).set(auth).send({ inputs, propertiesWithHistory: ['email'] }).expect(400);
    expect(res.body).toMatchObject({ category: 'VALIDATION_ERROR', message: expect.stringMatching(/maximum number of inputs supported in a batch request for property histories is 50/) });
    await request(sandbox.handler).post(BATCH_READ).set(auth).send({ inputs, properties: ['email'] }).expect(200);
  });
});

describe('one property definition (dated path)', () => {
  it('carries HubSpot’s default lifecycle stages in their display order', async () => {
    const { sandbox, auth } = sandboxWithToken();
    const res = await request(sandbox.handler).get('/crm/properties/2026-03/contacts/lifecyclestage').set(auth).expect(200);
    expect(res.body.options.map((option: { value: string; displayOrder: number }) => [option.value, option.displayOrder])).toEqual([
      ['subscriber', 0], ['lead', 1], ['marketingqualifiedlead', 2], ['salesqualifiedlead', 3], ['opportunity', 4], ['customer', 5], ['evangelist', 6], ['other', 7],
    ]);
    await request(sandbox.handler).get('/crm/properties/2026-03/contacts/no_such_property').set(auth).expect(404);
  });
});
