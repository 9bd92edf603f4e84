import request from 'supertest';
import { manualClock, sandboxWithToken } from './harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PATHS = {
  legacy: { batchRead: '/crm/v3/objects/contacts/batch/read', batchUpdate: '/crm/v3/objects/contacts/batch/update', associations: '/crm/v4/associations' },
  dated: { batchRead: '/crm/objects/2026-03/contacts/batch/read', batchUpdate: '/crm/objects/2026-03/contacts/batch/update', associations: '/crm/associations/2026-03' },
};

function arranged() {
  const clock = manualClock();
  const setup = sandboxWithToken({ now: clock.now });
  const { sandbox, portalId } = setup;
  const owner = sandbox.state.createOwner(portalId, { email: 'rep@example.com', firstName: 'Rita', lastName: 'Rep' });
  const contact = sandbox.state.createRecord(portalId, 'contacts', { email: 'a@example.com', jobtitle: 'CTO' });
  const company = sandbox.state.createRecord(portalId, 'companies', { name: 'Acme' }, { associations: [{ type: 'contacts', id: contact.id }] });
  return { ...setup, clock, app: sandbox.handler, owner, contact, company };
}

describe.each(Object.entries(PATHS))('answer shapes at the %s paths', (_name, paths) => {
  it('association batch read: toObjectId is a string, an unlabelled type has no label, a labelled one a string', async () => {
    const { app, auth, contact, company } = arranged();
    const res = await request(app).post(`${paths.associations}/contacts/companies/batch/read`).set(auth).send({ inputs: [{ id: contact.id }] }).expect(200);
    expect(res.body.results).toEqual([{
      from: { id: contact.id },
      to: [{ toObjectId: company.id, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' }, { category: 'HUBSPOT_DEFINED', typeId: 279 }] }],
    }]);
  });

  it('a property never set is left out (never null), as is an unknown one, a cleared one is "" in the echo and on reading', async () => {
    const { app, auth, contact } = arranged();
    const before = await request(app).post(paths.batchRead).set(auth)
      .send({ inputs: [{ id: contact.id }], properties: ['jobtitle', 'phone', 'hs_email_optout', 'no_such_property'] }).expect(200);
    expect(before.body.results[0].properties).toEqual({
      jobtitle: 'CTO',
      createdate: expect.any(String), lastmodifieddate: expect.any(String), hs_object_id: contact.id,
    });

    const cleared = await request(app).post(paths.batchUpdate).set(auth).send({ inputs: [{ id: contact.id, properties: { jobtitle: '' } }] }).expect(200);
    expect(cleared.body.results[0].properties.jobtitle).toBe('');
    const after = await request(app).post(paths.batchRead).set(auth).send({ inputs: [{ id: contact.id }], properties: ['jobtitle'] }).expect(200);
    expect(after.body.results[0].properties.jobtitle).toBe('');
  });

  it('a 207 error item is a full StandardError: status, category, message, context, errors and links', async () => {
    const { app, auth, contact } = arranged();
    const read = await request(app).post(paths.batchRead).set(auth).send({ inputs: [{ id: contact.id }, { id: '999999' }] }).expect(207);
    const update = await request(app).post(paths.batchUpdate).set(auth).send({ inputs: [{ id: '999999', properties: { jobtitle: 'x' } }] }).expect(207);
    for (const body of [read.body, update.body]) {
      expect(body.errors).toEqual([{ status: 'error', category: 'OBJECT_NOT_FOUND', message: expect.any(String), context: { ids: ['999999'] }, errors: [], links: {} }]);
    }
    const none = await request(app).post(`${paths.associations}/contacts/deals/batch/read`).set(auth).send({ inputs: [{ id: contact.id }] }).expect(207);
    expect(none.body.errors[0]).toEqual({
      status: 'error', category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND', message: expect.any(String),
      context: { fromObjectId: [contact.id], fromObjectType: ['contact'], toObjectType: ['deal'] }, errors: [], links: {},
    });
  });
});

describe('property batch answers', () => {
  it('207 error items carry errors and links', async () => {
    const { app, auth } = arranged();
    const read = await request(app).post('/crm/properties/2026-03/contacts/batch/read').set(auth).send({ inputs: [{ name: 'nope' }] }).expect(207);
    expect(read.body.errors).toEqual([{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Unable to find property nope', context: { name: ['nope'] }, errors: [], links: {} }]);
    const input = { name: 'jobtitle', label: 'Job title', type: 'string', fieldType: 'text', groupName: 'contactinformation' };
    const created = await request(app).post('/crm/v3/properties/contacts/batch/create').set(auth).send({ inputs: [input] }).expect(207);
    expect(created.body.errors[0]).toEqual({ status: 'error', category: 'OBJECT_ALREADY_EXISTS', message: expect.any(String), context: { name: ['jobtitle'] }, errors: [], links: {} });
  });
});

describe('ids', () => {
  it('are strings for records, associations and owners; owner userId is an integer', async () => {
    const { app, auth, contact, owner } = arranged();
    const read = await request(app).post(PATHS.dated.batchRead).set(auth).send({ inputs: [{ id: Number(contact.id) }] }).expect(200);
    expect(read.body.results[0]).toMatchObject({ id: contact.id, properties: { hs_object_id: contact.id } });
    const owners = await request(app).get('/crm/owners/2026-03').set(auth).expect(200);
    expect(owners.body.results[0]).toMatchObject({ id: owner.id, userId: owner.userId, userIdIncludingInactive: owner.userId });
    expect(typeof owners.body.results[0].id).toBe('string');
    expect(Number.isInteger(owners.body.results[0].userId)).toBe(true);
    const list = await request(app).get(`/crm/v4/objects/contacts/${contact.id}/associations/companies`).set(auth).expect(200);
    expect(typeof list.body.results[0].toObjectId).toBe('string');
  });
});

describe('correlationId', () => {
  it('is a UUID in every error body: 400, 401, 404, 429, 5xx and the token endpoint', async () => {
    const { app, auth, sandbox } = arranged();
    const bodies = [
      (await request(app).post(PATHS.dated.batchRead).set(auth).send({ inputs: 'nope' }).expect(400)).body,
      (await request(app).get('/crm/owners/2026-03').expect(401)).body,
      (await request(app).get('/crm/objects/2026-03/contacts/424242').set(auth).expect(404)).body,
      (await request(app).get('/crm/nothing-here').expect(404)).body,
      (await request(app).post('/oauth/2026-03/token').type('form').send({ grant_type: 'refresh_token' }).expect(400)).body,
    ];
    sandbox.setFaults({ rate5xx: 1 });
    bodies.push((await request(app).get('/crm/owners/2026-03').set(auth)).body);
    sandbox.setFaults({ rate429: 1 });
    bodies.push((await request(app).get('/crm/owners/2026-03').set(auth).expect(429)).body);
    for (const body of bodies) expect(body.correlationId).toMatch(UUID);
  });
});
