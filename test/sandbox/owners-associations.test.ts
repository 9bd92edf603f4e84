import request from 'supertest';
import { sandboxWithToken } from './harness';

describe('owners', () => {
  it('lists active owners with teams, archived ones on request, paged', async () => {
    const { sandbox, auth, portalId } = sandboxWithToken();
    const team = sandbox.state.createTeam(portalId, 'Inbound');
    const owners = Array.from({ length: 3 }, (_, i) => sandbox.state.createOwner(portalId, { email: `o${i}@x.com`, firstName: `O${i}`, lastName: 'Rep', teamIds: [team.id] }));
    sandbox.state.archiveOwner(portalId, owners[2]!.id);
    const page = await request(sandbox.handler).get('/crm/v3/owners/').set(auth).query({ limit: 1 }).expect(200);
    expect(page.body.results).toEqual([{
      id: owners[0]!.id, email: 'o0@x.com', type: 'PERSON', firstName: 'O0', lastName: 'Rep', userId: owners[0]!.userId,
      userIdIncludingInactive: owners[0]!.userId, createdAt: expect.any(String), updatedAt: expect.any(String), archived: false,
      teams: [{ id: team.id, name: 'Inbound', primary: true }],
    }]);
    const next = await request(sandbox.handler).get('/crm/v3/owners').set(auth).query({ limit: 1, after: page.body.paging.next.after }).expect(200);
    expect(next.body.results.map((o: { id: string }) => o.id)).toEqual([owners[1]!.id]);
    const archived = await request(sandbox.handler).get('/crm/v3/owners').set(auth).query({ archived: true }).expect(200);
    expect(archived.body.results.map((o: { id: string }) => o.id)).toEqual([owners[2]!.id]);
  });
});

describe('engagements and associations', () => {
  it('batch-reads engagements and resolves them to contacts by type name or id', async () => {
    const { sandbox, auth, portalId } = sandboxWithToken();
    const contact = sandbox.state.createRecord(portalId, 'contacts', { email: 'a@x.com' });
    const company = sandbox.state.createRecord(portalId, 'companies', { name: 'Acme' }, { associations: [{ type: 'contacts', id: contact.id }] });
    const call = sandbox.state.createRecord(portalId, 'calls', { hs_timestamp: '1736150400000', hs_call_title: 'Intro' }, {
      associations: [{ type: 'contacts', id: contact.id }, { type: 'companies', id: company.id }],
    });
    const lonely = sandbox.state.createRecord(portalId, 'notes', { hs_timestamp: '1736150400000', hs_note_body: 'x' });

    const calls = await request(sandbox.handler).post('/crm/v3/objects/calls/batch/read').set(auth)
      .send({ inputs: [{ id: call.id }], properties: ['hs_call_title', 'hs_timestamp'] }).expect(200);
    expect(calls.body.results[0].properties).toMatchObject({ hs_call_title: 'Intro', hs_timestamp: '2025-01-06T08:00:00.000Z' });

    const assoc = await request(sandbox.handler).post('/crm/v4/associations/0-48/contacts/batch/read').set(auth)
      .send({ inputs: [{ id: call.id }] }).expect(200);
    expect(assoc.body).toMatchObject({
      status: 'COMPLETE',
      results: [{ from: { id: call.id }, to: [{ toObjectId: contact.id, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 194 }] }] }],
    });

    const none = await request(sandbox.handler).post('/crm/v4/associations/notes/contacts/batch/read').set(auth)
      .send({ inputs: [{ id: lonely.id }] }).expect(207);
    expect(none.body.errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND', errors: [], links: {} });

    const companies = await request(sandbox.handler).post('/crm/v4/associations/contacts/companies/batch/read').set(auth)
      .send({ inputs: [{ id: contact.id }] }).expect(200);
    expect(companies.body.results[0].to[0].associationTypes.map((t: { typeId: number }) => t.typeId)).toEqual([1, 279]);
  });

  it('creates a task associated with a contact, requiring hs_timestamp', async () => {
    const { sandbox, auth, portalId } = sandboxWithToken();
    const contact = sandbox.state.createRecord(portalId, 'contacts', { email: 'a@x.com' });
    const owner = sandbox.state.createOwner(portalId, { email: 'rep@x.com', firstName: 'R', lastName: 'Ep' });
    const task = {
      properties: { hs_task_subject: 'Follow up with new lead', hs_task_priority: 'HIGH', hs_task_status: 'NOT_STARTED', hubspot_owner_id: owner.id },
      associations: [{ to: { id: contact.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }] }],
    };
    await request(sandbox.handler).post('/crm/v3/objects/tasks').set(auth).send(task).expect(400);
    const created = await request(sandbox.handler).post('/crm/v3/objects/tasks').set(auth)
      .send({ ...task, properties: { ...task.properties, hs_timestamp: '2025-01-07T09:00:00Z' } }).expect(201);
    expect(created.body.properties).toMatchObject({ hs_task_subject: 'Follow up with new lead', hs_timestamp: '2025-01-07T09:00:00.000Z' });
    expect([...sandbox.state.associationsOf(portalId, { type: 'contacts', id: contact.id }, 'tasks').keys()]).toEqual([created.body.id]);
    const wrongType = await request(sandbox.handler).post('/crm/v3/objects/tasks').set(auth)
      .send({ ...task, properties: { ...task.properties, hs_timestamp: '1' }, associations: [{ to: { id: contact.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 194 }] }] }).expect(400);
    expect(wrongType.body.category).toBe('VALIDATION_ERROR');
  });

  it('rejects more than 1000 association inputs', async () => {
    const { sandbox, auth } = sandboxWithToken();
    await request(sandbox.handler).post('/crm/v4/associations/calls/contacts/batch/read').set(auth)
      .send({ inputs: Array.from({ length: 1001 }, (_, i) => ({ id: String(i) })) }).expect(400);
  });
});
