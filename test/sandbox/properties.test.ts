import request from 'supertest';
import { sandboxWithToken } from './harness';

const scoreProperty = {
  name: 'lead_score', label: 'Lead score', type: 'number', fieldType: 'number', groupName: 'lead_manager',
};
const gradeProperty = {
  name: 'lead_grade', label: 'Lead grade', type: 'enumeration', fieldType: 'select', groupName: 'lead_manager',
  options: [{ label: 'A', value: 'A' }, { label: 'B', value: 'B' }],
};

describe('properties and groups', () => {
  it('starts portals with HubSpot’s default contact properties and groups', async () => {
    const { sandbox, auth } = sandboxWithToken();
    const res = await request(sandbox.handler).get('/crm/v3/properties/contacts').set(auth).expect(200);
    const byName = new Map(res.body.results.map((p: { name: string }) => [p.name, p]));
    for (const name of ['firstname', 'lastname', 'email', 'lifecyclestage', 'hs_lead_status', 'hubspot_owner_id', 'industry', 'numemployees', 'country', 'jobtitle',
      'hs_analytics_num_page_views', 'hs_email_last_open_date', 'hs_email_last_click_date', 'recent_conversion_event_name', 'recent_conversion_date',
      'hs_email_optout', 'hs_analytics_last_url', 'hs_analytics_source']) {
      expect(byName.has(name)).toBe(true);
    }
    expect(byName.get('lifecyclestage')).toMatchObject({
      type: 'enumeration', hubspotDefined: true,
      options: expect.arrayContaining([expect.objectContaining({ value: 'marketingqualifiedlead', label: 'Marketing Qualified Lead' })]),
    });
    const groups = await request(sandbox.handler).get('/crm/v3/properties/0-1/groups').set(auth).expect(200);
    expect(groups.body.results.map((g: { name: string }) => g.name)).toContain('contactinformation');
  });

  it('creates a group once (409 the second time) and properties in it', async () => {
    const { sandbox, auth } = sandboxWithToken();
    const app = sandbox.handler;
    await request(app).post('/crm/v3/properties/contacts/groups').set(auth).send({ name: 'lead_manager', label: 'Lead manager' }).expect(201);
    const again = await request(app).post('/crm/v3/properties/contacts/groups').set(auth).send({ name: 'lead_manager', label: 'Lead manager' }).expect(409);
    expect(again.body).toMatchObject({ status: 'error', category: 'OBJECT_ALREADY_EXISTS' });

    const created = await request(app).post('/crm/v3/properties/contacts/batch/create').set(auth).send({ inputs: [scoreProperty, gradeProperty] }).expect(201);
    expect(created.body.results.map((p: { name: string }) => p.name)).toEqual(['lead_score', 'lead_grade']);
    expect(created.body.results[0]).toMatchObject({ hubspotDefined: false, groupName: 'lead_manager', modificationMetadata: { readOnlyValue: false } });

    const repeated = await request(app).post('/crm/v3/properties/contacts/batch/create').set(auth).send({ inputs: [scoreProperty] }).expect(207);
    expect(repeated.body).toMatchObject({ numErrors: 1, errors: [{ category: 'OBJECT_ALREADY_EXISTS' }], results: [] });

    const read = await request(app).post('/crm/v3/properties/contacts/batch/read').set(auth)
      .send({ inputs: [{ name: 'lead_score' }, { name: 'nope' }], archived: false }).expect(207);
    expect(read.body.results.map((p: { name: string }) => p.name)).toEqual(['lead_score']);
  });

  it('validates definitions: type, fieldType, group, enumeration options, name', async () => {
    const { sandbox, auth } = sandboxWithToken();
    const app = sandbox.handler;
    const create = (input: Record<string, unknown>) => request(app).post('/crm/v3/properties/contacts/batch/create').set(auth).send({ inputs: [input] });
    expect((await create({ ...scoreProperty, groupName: 'contactinformation', type: 'integer' })).status).toBe(400);
    expect((await create({ ...scoreProperty, groupName: 'contactinformation', fieldType: 'select' })).status).toBe(400);
    expect((await create({ ...scoreProperty })).body.message).toMatch(/group 'lead_manager' does not exist/);
    expect((await create({ ...gradeProperty, groupName: 'contactinformation', options: [] })).status).toBe(400);
    expect((await create({ ...scoreProperty, groupName: 'contactinformation', name: 'Lead Score' })).status).toBe(400);
    expect((await create({ ...scoreProperty, groupName: 'contactinformation' })).status).toBe(201);
  });
});
