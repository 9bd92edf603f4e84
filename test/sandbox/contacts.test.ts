import request from 'supertest';
import { manualClock, sandboxWithToken } from './harness';

function withContacts(count: number) {
  const clock = manualClock();
  const setup = sandboxWithToken({ now: clock.now });
  const { sandbox, portalId } = setup;
  const owner = sandbox.state.createOwner(portalId, { email: 'rep@example.com', firstName: 'Rita', lastName: 'Rep' });
  const ids = Array.from({ length: count }, (_, i) => sandbox.state.createRecord(portalId, 'contacts', {
    firstname: `First${i}`, lastname: `Last${i}`, email: `c${i}@example.com`, lifecyclestage: i % 2 === 0 ? 'lead' : 'subscriber',
    hs_analytics_num_page_views: String(i),
  }).id);
  return { ...setup, clock, owner, ids, app: sandbox.handler };
}

describe('contacts batch read', () => {
  it('returns the requested properties that have a value (an empty one is left out), plus the system properties', async () => {
    const { app, auth, ids } = withContacts(2);
    const res = await request(app).post('/crm/v3/objects/contacts/batch/read').set(auth)
      .send({ inputs: ids.map((id) => ({ id })), properties: ['email', 'jobtitle', 'not_a_property'] }).expect(200);
    expect(res.body.status).toBe('COMPLETE');
    expect(res.body.results[0]).toEqual({
      id: ids[0], archived: false, createdAt: expect.any(String), updatedAt: expect.any(String),
      properties: { email: 'c0@example.com', createdate: expect.any(String), lastmodifieddate: expect.any(String), hs_object_id: ids[0] },
    });
  });

  it('answers 207 with OBJECT_NOT_FOUND naming the missing ids', async () => {
    const { app, auth, ids, sandbox, portalId } = withContacts(2);
    sandbox.state.archiveRecord(portalId, 'contacts', ids[1]!);
    const res = await request(app).post('/crm/v3/objects/contacts/batch/read').set(auth)
      .send({ inputs: [{ id: ids[0] }, { id: ids[1] }, { id: '999999' }], properties: [] }).expect(207);
    expect(res.body.results.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect(res.body).toMatchObject({ numErrors: 1, errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: [ids[1], '999999'] } }] });
  });

  it('follows merges: a merged-away id reads as the surviving contact', async () => {
    const { app, auth, ids, sandbox, portalId } = withContacts(2);
    sandbox.state.mergeContacts(portalId, ids[0]!, ids[1]!);
    const res = await request(app).post('/crm/v3/objects/contacts/batch/read').set(auth).send({ inputs: [{ id: ids[1] }] }).expect(200);
    expect(res.body.results[0].id).toBe(ids[0]);
  });

  it('rejects more than 100 inputs and malformed bodies with 400 VALIDATION_ERROR', async () => {
    const { app, auth } = withContacts(0);
    const tooMany = await request(app).post('/crm/v3/objects/contacts/batch/read').set(auth)
      .send({ inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i) })) }).expect(400);
    expect(tooMany.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', correlationId: expect.any(String) });
    const wrongShape = await request(app).post('/crm/v3/objects/contacts/batch/read').set(auth).send({ inputs: 'nope' }).expect(400);
    expect(wrongShape.body.category).toBe('VALIDATION_ERROR');
    const notJson = await request(app).post('/crm/v3/objects/contacts/batch/read').set(auth)
      .set('Content-Type', 'application/json').send('{"inputs": [').expect(400);
    expect(notJson.body.category).toBe('VALIDATION_ERROR');
  });
});

describe('contacts batch update', () => {
  it('writes validated values and returns them', async () => {
    const { app, auth, ids, owner, sandbox, portalId, clock } = withContacts(2);
    clock.advance(60_000);
    const res = await request(app).post('/crm/v3/objects/contacts/batch/update').set(auth).send({
      inputs: [{ id: ids[0], properties: { hubspot_owner_id: owner.id, lifecyclestage: 'marketingqualifiedlead' } }],
    }).expect(200);
    expect(res.body.results[0].properties).toMatchObject({ hubspot_owner_id: owner.id, lifecyclestage: 'marketingqualifiedlead' });
    expect(sandbox.state.properties(portalId, 'contacts', ids[0]!)).toMatchObject({
      hubspot_owner_id: owner.id, lifecyclestage: 'marketingqualifiedlead', lastmodifieddate: new Date(clock.now()).toISOString(),
    });
  });

  it('rejects the whole batch with PROPERTY_DOESNT_EXIST, INVALID_OPTION or READ_ONLY_VALUE', async () => {
    const { app, auth, ids, sandbox, portalId } = withContacts(2);
    const res = await request(app).post('/crm/v3/objects/contacts/batch/update').set(auth).send({
      inputs: [
        { id: ids[0], properties: { firstname: 'Changed' } },
        { id: ids[1], properties: { lead_score: '10', lifecyclestage: 'hot', hs_analytics_num_page_views: '3' } },
      ],
    }).expect(400);
    expect(res.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(res.body.message).toMatch(/^Property values were not valid: /);
    expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['PROPERTY_DOESNT_EXIST', 'INVALID_OPTION', 'READ_ONLY_VALUE']);
    expect(sandbox.state.properties(portalId, 'contacts', ids[0]!)?.firstname).toBe('First0');
  });

  it('updates the live contacts and reports a deleted or unknown id as a 207 OBJECT_NOT_FOUND', async () => {
    const { app, auth, ids, sandbox, portalId } = withContacts(2);
    sandbox.state.archiveRecord(portalId, 'contacts', ids[1]!);
    const res = await request(app).post('/crm/v3/objects/contacts/batch/update').set(auth).send({
      inputs: [{ id: ids[0], properties: { jobtitle: 'CEO' } }, { id: ids[1], properties: { jobtitle: 'CTO' } }],
    }).expect(207);
    expect(res.body).toMatchObject({ status: 'COMPLETE', numErrors: 1, errors: [{ category: 'OBJECT_NOT_FOUND', context: { ids: [ids[1]] } }] });
    expect(sandbox.state.properties(portalId, 'contacts', ids[0]!)?.jobtitle).toBe('CEO');
  });

  it('rejects duplicate ids in one batch', async () => {
    const { app, auth, ids } = withContacts(1);
    const res = await request(app).post('/crm/v3/objects/contacts/batch/update').set(auth).send({
      inputs: [{ id: ids[0], properties: { jobtitle: 'A' } }, { id: ids[0], properties: { jobtitle: 'B' } }],
    }).expect(400);
    expect(res.body.message).toMatch(/Duplicate IDs/);
  });
});

describe('contacts list, get and search', () => {
  it('pages the list with paging.next.after', async () => {
    const { app, auth, ids } = withContacts(25);
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const res = await request(app).get('/crm/v3/objects/contacts').set(auth).query({ limit: 10, properties: 'email,lifecyclestage', ...(after ? { after } : {}) }).expect(200);
      seen.push(...res.body.results.map((r: { id: string }) => r.id));
      after = res.body.paging?.next?.after;
    } while (after);
    expect(seen).toEqual(ids);
  });

  it('reads one contact by id or by email, 404 otherwise', async () => {
    const { app, auth, ids } = withContacts(3);
    const byId = await request(app).get(`/crm/v3/objects/contacts/${ids[2]}`).set(auth).query({ properties: 'email' }).expect(200);
    expect(byId.body.properties.email).toBe('c2@example.com');
    const byEmail = await request(app).get('/crm/v3/objects/contacts/c1@example.com').set(auth).query({ idProperty: 'email' }).expect(200);
    expect(byEmail.body.id).toBe(ids[1]);
    await request(app).get('/crm/v3/objects/contacts/424242').set(auth).expect(404);
  });

  it('searches with filter groups, sorts and offset paging', async () => {
    const { app, auth } = withContacts(30);
    const body = {
      filterGroups: [{ filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'lead' }, { propertyName: 'hs_analytics_num_page_views', operator: 'GTE', value: '10' }] }],
      sorts: [{ propertyName: 'hs_analytics_num_page_views', direction: 'DESCENDING' }],
      properties: ['hs_analytics_num_page_views'],
      limit: 5,
    };
    const first = await request(app).post('/crm/v3/objects/contacts/search').set(auth).send(body).expect(200);
    expect(first.body.total).toBe(10);
    expect(first.body.results.map((r: { properties: Record<string, string> }) => r.properties.hs_analytics_num_page_views)).toEqual(['28', '26', '24', '22', '20']);
    const second = await request(app).post('/crm/v3/objects/contacts/search').set(auth).send({ ...body, after: first.body.paging.next.after }).expect(200);
    expect(second.body.results).toHaveLength(5);
    expect(second.body.paging).toBeUndefined();
    await request(app).post('/crm/v3/objects/contacts/search').set(auth).send({ ...body, limit: 201 }).expect(400);
    await request(app).post('/crm/v3/objects/contacts/search').set(auth).send({ ...body, after: '9999', limit: 10 }).expect(400);
  });
});
