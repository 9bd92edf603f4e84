import request from 'supertest';
import { SERVED_API_VERSIONS, callPaths } from '../../src/sandbox';
import { sandboxWithToken } from './harness';

const V = '2026-03';

function withContacts() {
  const setup = sandboxWithToken();
  const { sandbox, portalId } = setup;
  const owner = sandbox.state.createOwner(portalId, { email: 'rep@example.com', firstName: 'Rita', lastName: 'Rep' });
  const contacts = ['a', 'b', 'c'].map((name) => sandbox.state.createRecord(portalId, 'contacts', { email: `${name}@example.com`, firstname: name.toUpperCase() }));
  const company = sandbox.state.createRecord(portalId, 'companies', { name: 'Acme' }, { associations: [{ type: 'contacts', id: contacts[0]!.id }] });
  return { ...setup, app: sandbox.handler, owner, contacts, company };
}

describe('the dated API version the emulator serves', () => {
  it('is 2026-03', () => {
    expect(SERVED_API_VERSIONS).toEqual([V]);
  });
});

describe('objects at /crm/objects/2026-03', () => {
  it('lists, reads one, batch-reads, creates and searches, recorded under the versioned route', async () => {
    const { app, auth, contacts, sandbox, portalId } = withContacts();
    const list = await request(app).get(`/crm/objects/${V}/contacts`).set(auth).query({ limit: 2, properties: 'email' }).expect(200);
    expect(list.body.results.map((r: { id: string }) => r.id)).toEqual([contacts[0]!.id, contacts[1]!.id]);
    expect(list.body.paging.next).toEqual({ after: contacts[1]!.id, link: `/crm/objects/${V}/contacts?after=${contacts[1]!.id}&limit=2` });

    const one = await request(app).get(`/crm/objects/${V}/contacts/${contacts[2]!.id}`).set(auth).query({ properties: 'firstname' }).expect(200);
    expect(one.body.properties.firstname).toBe('C');

    const read = await request(app).post(`/crm/objects/${V}/contacts/batch/read`).set(auth)
      .send({ inputs: [{ id: contacts[1]!.id }], properties: ['email'] }).expect(200);
    expect(read.body.results[0].properties.email).toBe('b@example.com');

    const created = await request(app).post(`/crm/objects/${V}/contacts`).set(auth).send({ properties: { email: 'd@example.com' } }).expect(201);
    expect(sandbox.state.properties(portalId, 'contacts', created.body.id)?.email).toBe('d@example.com');

    const found = await request(app).post(`/crm/objects/${V}/contacts/search`).set(auth)
      .send({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: 'a@example.com' }] }] }).expect(200);
    expect(found.body).toMatchObject({ total: 1, results: [{ id: contacts[0]!.id }] });

    expect(sandbox.calls.countBy('route', { portalId, version: V })).toEqual({
      [`GET ${callPaths.objects}`]: 1,
      [`GET ${callPaths.object}`]: 1,
      [`POST ${callPaths.batchRead}`]: 1,
      [`POST ${callPaths.objects}`]: 1,
      [`POST ${callPaths.search}`]: 1,
    });
  });

  it('batch-updates, and the call counts under the same route as the legacy path', async () => {
    const { app, auth, contacts, owner, sandbox, portalId } = withContacts();
    const res = await request(app).post(`/crm/objects/${V}/contacts/batch/update`).set(auth)
      .send({ inputs: [{ id: contacts[0]!.id, properties: { hubspot_owner_id: owner.id } }] }).expect(200);
    expect(res.body.results[0].properties.hubspot_owner_id).toBe(owner.id);
    await request(app).post('/crm/v3/objects/contacts/batch/update').set(auth)
      .send({ inputs: [{ id: contacts[1]!.id, properties: { hubspot_owner_id: owner.id } }] }).expect(200);

    expect(sandbox.calls.count({ portalId, path: callPaths.batchUpdate })).toBe(2);
    expect(sandbox.calls.all({ portalId, path: callPaths.batchUpdate }).map((call) => call.version)).toEqual([V, 'v3']);
    expect(callPaths.batchUpdate).toBe('/crm/objects/:version/:objectType/batch/update');
  });

  it('answers 404 for a version it does not serve', async () => {
    const { app, auth, sandbox } = withContacts();
    await request(app).get('/crm/objects/2025-09/contacts').set(auth).expect(404);
    expect(sandbox.calls.all({ status: 404 })).toEqual([expect.objectContaining({ path: '(unmatched)', version: null })]);
  });
});

describe('associations at /crm/associations/2026-03', () => {
  it('batch-reads in the v4 shape', async () => {
    const { app, auth, contacts, company, sandbox } = withContacts();
    const res = await request(app).post(`/crm/associations/${V}/contacts/companies/batch/read`).set(auth)
      .send({ inputs: [{ id: contacts[0]!.id }] }).expect(200);
    expect(res.body).toMatchObject({ status: 'COMPLETE', results: [{ from: { id: contacts[0]!.id }, to: [{ toObjectId: company.id }] }] });
    expect(sandbox.calls.count({ path: callPaths.associationsBatchRead, version: V })).toBe(1);
  });
});

describe('properties at /crm/properties/2026-03', () => {
  const grade = (options: Record<string, unknown>[]) => ({
    name: 'lead_grade', label: 'Lead grade', type: 'enumeration', fieldType: 'select', groupName: 'lead_manager', options,
  });

  it('reads all properties and groups, creates a group and a batch of properties', async () => {
    const { app, auth, sandbox } = withContacts();
    const all = await request(app).get(`/crm/properties/${V}/contacts`).set(auth).expect(200);
    expect(all.body.results.map((p: { name: string }) => p.name)).toContain('lifecyclestage');
    const groups = await request(app).get(`/crm/properties/${V}/contacts/groups`).set(auth).expect(200);
    expect(groups.body.results.map((g: { name: string }) => g.name)).toContain('contactinformation');
    await request(app).post(`/crm/properties/${V}/contacts/groups`).set(auth).send({ name: 'lead_manager', label: 'Lead manager' }).expect(201);
    const created = await request(app).post(`/crm/properties/${V}/contacts/batch/create`).set(auth)
      .send({ inputs: [grade([{ label: 'A', value: 'A', displayOrder: 0, hidden: false }, { label: 'B', value: 'B', displayOrder: 1, hidden: false }])] }).expect(201);
    expect(created.body.results[0].options).toEqual([
      { label: 'A', value: 'A', displayOrder: 0, hidden: false },
      { label: 'B', value: 'B', displayOrder: 1, hidden: false },
    ]);
    expect(sandbox.calls.countBy('route', { version: V })).toEqual({
      [`GET ${callPaths.properties}`]: 1,
      [`GET ${callPaths.propertyGroups}`]: 1,
      [`POST ${callPaths.propertyGroups}`]: 1,
      [`POST ${callPaths.propertiesBatchCreate}`]: 1,
    });
  });

  it('requires each option’s displayOrder on the dated path, not on v3', async () => {
    const { app, auth } = withContacts();
    await request(app).post(`/crm/properties/${V}/contacts/groups`).set(auth).send({ name: 'lead_manager', label: 'Lead manager' }).expect(201);
    const unordered = grade([{ label: 'A', value: 'A', hidden: false }]);
    const refused = await request(app).post(`/crm/properties/${V}/contacts/batch/create`).set(auth).send({ inputs: [unordered] }).expect(400);
    expect(refused.body).toMatchObject({ category: 'VALIDATION_ERROR', message: expect.stringContaining('need a displayOrder') });
    const legacy = await request(app).post('/crm/v3/properties/contacts/batch/create').set(auth).send({ inputs: [unordered] }).expect(201);
    expect(legacy.body.results[0].options[0].displayOrder).toBe(0);
  });
});

describe('owners at /crm/owners/2026-03', () => {
  it('lists owners with limit, after, archived and email', async () => {
    const { app, auth, portalId, sandbox } = withContacts();
    const more = ['x@example.com', 'y@example.com'].map((email) => sandbox.state.createOwner(portalId, { email, firstName: 'O', lastName: 'Wner' }));
    sandbox.state.archiveOwner(portalId, more[1]!.id);
    const page = await request(app).get(`/crm/owners/${V}`).set(auth).query({ limit: 1 }).expect(200);
    expect(page.body.paging.next.link).toBe(`/crm/owners/${V}?after=${page.body.results[0].id}`);
    const next = await request(app).get(`/crm/owners/${V}`).set(auth).query({ limit: 1, after: page.body.paging.next.after }).expect(200);
    expect(next.body.results.map((o: { email: string }) => o.email)).toEqual(['x@example.com']);
    const archived = await request(app).get(`/crm/owners/${V}`).set(auth).query({ archived: 'true' }).expect(200);
    expect(archived.body.results.map((o: { id: string }) => o.id)).toEqual([more[1]!.id]);
    const byEmail = await request(app).get(`/crm/owners/${V}`).set(auth).query({ email: 'REP@example.com' }).expect(200);
    expect(byEmail.body.results.map((o: { email: string }) => o.email)).toEqual(['rep@example.com']);
    expect(sandbox.calls.count({ path: callPaths.owners, version: V, status: 200 })).toBe(4);
  });
});
