import nock from 'nock';
import { HubspotApiError } from '../../src/hubspot/api-error';
import { API, BATCH_OK, CONTACT, testGateway } from './gateway-test-kit';

const PORTAL = 5;
const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

let gateway: ReturnType<typeof testGateway>;
beforeEach(() => {
  gateway = testGateway();
});
afterEach(() => gateway.close());

describe('HubSpot gateway requests', () => {
  test('contacts.batchRead splits 250 ids into 100 + 100 + 50 and returns every record found', async () => {
    const chunkSizes: number[] = [];
    nock(API)
      .post('/crm/objects/2026-03/contacts/batch/read')
      .query({ archived: 'false' })
      .times(3)
      .reply((_uri, body) => {
        const { inputs, properties } = body as { inputs: { id: string }[]; properties: string[] };
        chunkSizes.push(inputs.length);
        expect(properties).toEqual(['email', 'lifecyclestage']);
        return [200, BATCH_OK(inputs.map(({ id }) => CONTACT(id, { email: `${id}@example.com` })))];
      });

    const records = await gateway.forPortal(PORTAL).contacts.batchRead(ids(1, 250), ['email', 'lifecyclestage']);

    expect(chunkSizes.sort((a, b) => b - a)).toEqual([100, 100, 50]);
    expect(records.map((r) => r.id).sort((a, b) => Number(a) - Number(b))).toEqual(ids(1, 250));
    expect(records[0]).toEqual({
      id: records[0]!.id,
      properties: { hs_object_id: records[0]!.id, email: `${records[0]!.id}@example.com` },
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-02T00:00:00.000Z',
      archived: false,
    });
  });

  test('contacts.batchRead accepts a 207 with the records it found', async () => {
    nock(API)
      .post('/crm/objects/2026-03/contacts/batch/read')
      .query(true)
      .reply(207, {
        ...BATCH_OK([CONTACT('1')]),
        numErrors: 1,
        errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some CONTACT objects', context: { ids: ['2'] } }],
      });

    const records = await gateway.forPortal(PORTAL).contacts.batchRead(['1', '2'], ['email']);

    expect(records.map((r) => r.id)).toEqual(['1']);
  });

  test('contacts.batchUpdate reports each chunk; a rejected chunk carries its ids and the others are written', async () => {
    nock(API)
      .post('/crm/objects/2026-03/contacts/batch/update')
      .times(3)
      .reply((_uri, body) => {
        const { inputs } = body as { inputs: { id: string; properties: Record<string, string> }[] };
        if (inputs.some(({ id }) => id === '150')) {
          return [400, { status: 'error', category: 'VALIDATION_ERROR', message: 'Property values were not valid', correlationId: 'x-1' }];
        }
        return [200, BATCH_OK(inputs.map(({ id, properties }) => CONTACT(id, properties)))];
      });
    const inputs = ids(1, 250).map((id) => ({ id, properties: { lead_score: '10' } }));

    const chunks = await gateway.forPortal(PORTAL).contacts.batchUpdate(inputs);

    expect(chunks.map((chunk) => [chunk.ok, chunk.ids.length, chunk.ids[0]])).toEqual([
      [true, 100, '1'],
      [false, 100, '101'],
      [true, 50, '201'],
    ]);
    const rejected = chunks[1]!;
    if (rejected.ok) throw new Error('expected the second chunk to be rejected');
    expect(rejected.error).toBeInstanceOf(HubspotApiError);
    expect(rejected.error).toMatchObject({ status: 400, category: 'VALIDATION_ERROR', ids: ids(101, 100) });
    const written = chunks[0]!;
    expect(written.ok && written.records[0]!.properties.lead_score).toBe('10');
  });

  test('contacts.list pages with basicApi.getPage', async () => {
    nock(API)
      .get('/crm/objects/2026-03/contacts')
      .query({ limit: '2', after: 'abc', properties: 'email', archived: 'false' })
      .reply(200, { results: [CONTACT('1'), CONTACT('2')], paging: { next: { after: 'def', link: '…' } } });

    const page = await gateway.forPortal(PORTAL).contacts.list({ after: 'abc', limit: 2, properties: ['email'] });

    expect(page.results.map((r) => r.id)).toEqual(['1', '2']);
    expect(page.after).toBe('def');
  });

  test('contacts.search posts the request and returns total and cursor', async () => {
    const request = {
      filterGroups: [{ filters: [{ propertyName: 'lead_score', operator: 'GTE' as const, value: '50' }] }],
      properties: ['email'],
      limit: 200,
    };
    // HubSpot's schema requires every field but `query`: the absent ones go as their empty values.
    nock(API)
      .post('/crm/objects/2026-03/contacts/search', { ...request, sorts: [], after: '0' })
      .reply(200, { total: 201, results: [CONTACT('9')], paging: { next: { after: '200' } } });

    const page = await gateway.forPortal(PORTAL).contacts.search(request);

    expect(page).toMatchObject({ total: 201, after: '200' });
    expect(page.results.map((r) => r.id)).toEqual(['9']);
  });

  test('properties: list groups, create a group, list, batch create', async () => {
    nock(API)
      .get('/crm/properties/2026-03/contacts/groups')
      .reply(200, { results: [{ name: 'contactinformation', label: 'Contact information', displayOrder: 0, archived: false }] });
    nock(API)
      .post('/crm/properties/2026-03/contacts/groups', { name: 'lead_manager', label: 'Lead manager', displayOrder: 5 })
      .reply(201, { name: 'lead_manager', label: 'Lead manager', displayOrder: 5, archived: false });
    nock(API)
      .get('/crm/properties/2026-03/contacts')
      .query({ archived: 'false' })
      .reply(200, {
        results: [
          { name: 'email', label: 'Email', type: 'string', fieldType: 'text', groupName: 'contactinformation', description: '', options: [], hubspotDefined: true },
        ],
      });
    let created: unknown;
    nock(API)
      .post('/crm/properties/2026-03/contacts/batch/create')
      .reply(201, (_uri, body) => {
        created = body;
        return BATCH_OK([
          { name: 'lm_status', label: 'Lead status', type: 'enumeration', fieldType: 'select', groupName: 'lead_manager', description: 'd', options: [{ label: 'New', value: 'new', displayOrder: 0, hidden: false }] },
        ]);
      });
    const portal = gateway.forPortal(PORTAL).properties;

    const groups = await portal.listGroups('contacts');
    const group = await portal.createGroup('contacts', { name: 'lead_manager', label: 'Lead manager', displayOrder: 5 });
    const properties = await portal.list('contacts');
    const result = await portal.batchCreate('contacts', [
      { name: 'lm_status', label: 'Lead status', description: 'd', type: 'enumeration', fieldType: 'select', groupName: 'lead_manager', options: [{ label: 'New', value: 'new', displayOrder: 0 }] },
    ]);

    expect(groups.map((g) => g.name)).toEqual(['contactinformation']);
    expect(group).toEqual({ name: 'lead_manager', label: 'Lead manager', displayOrder: 5, archived: false });
    expect(properties[0]).toMatchObject({ name: 'email', hubspotDefined: true, calculated: false });
    expect(created).toEqual({
      inputs: [
        { name: 'lm_status', label: 'Lead status', description: 'd', type: 'enumeration', fieldType: 'select', groupName: 'lead_manager', options: [{ label: 'New', value: 'new', displayOrder: 0, hidden: false }] },
      ],
    });
    expect(result.results.map((p) => p.name)).toEqual(['lm_status']);
    expect(result.errors).toEqual([]);
  });

  test('owners.listAll follows the cursor, asking for archived owners only when told', async () => {
    const owner = (id: string) => ({
      id,
      userId: Number(id) * 10,
      email: `${id}@example.com`,
      firstName: 'A',
      lastName: 'B',
      type: 'PERSON',
      archived: false,
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
      teams: [{ id: 't1', name: 'EMEA', primary: true }],
    });
    nock(API).get('/crm/owners/2026-03').query({ limit: '500', archived: 'false' }).reply(200, { results: [owner('1')], paging: { next: { after: 'p2' } } });
    nock(API).get('/crm/owners/2026-03').query({ after: 'p2', limit: '500', archived: 'false' }).reply(200, { results: [owner('2')] });
    nock(API).get('/crm/owners/2026-03').query({ limit: '500', archived: 'true' }).reply(200, { results: [{ ...owner('3'), archived: true }] });

    const active = await gateway.forPortal(PORTAL).owners.listAll();
    const archived = await gateway.forPortal(PORTAL).owners.listAll({ archived: true });

    expect(active).toEqual([
      { id: '1', userId: 10, email: '1@example.com', firstName: 'A', lastName: 'B', type: 'PERSON', archived: false, teams: [{ id: 't1', name: 'EMEA', primary: true }] },
      expect.objectContaining({ id: '2' }),
    ]);
    expect(archived).toEqual([expect.objectContaining({ id: '3', archived: true })]);
  });

  test('users.get reads one user from the user provisioning API; only a literal true superAdmin is a super admin', async () => {
    const user = { id: '77', email: 'boss@example.com', roleIds: ['9'], roleId: '9', secondaryTeamIds: [], sendWelcomeEmail: false };
    nock(API).get('/settings/v3/users/77').query({ idProperty: 'USER_ID' }).reply(200, { ...user, superAdmin: true });
    nock(API).get('/settings/v3/users/78').query(true).reply(200, { ...user, id: '78', superAdmin: 'true' });
    nock(API).get('/settings/v3/users/79').query(true).reply(200, { id: '79', email: 'rep@example.com' });

    expect(await gateway.forPortal(PORTAL).users.get(77)).toEqual({ id: '77', email: 'boss@example.com', roleIds: ['9'], superAdmin: true });
    expect((await gateway.forPortal(PORTAL).users.get(78)).superAdmin).toBe(false);
    expect(await gateway.forPortal(PORTAL).users.get(79)).toEqual({ id: '79', email: 'rep@example.com', roleIds: [], superAdmin: false });
  });

  test('associations.batchRead maps every id to its associated ids, over chunks and per-id pages', async () => {
    const bodies: { inputs: { id: string; after?: string }[] }[] = [];
    nock(API)
      .post('/crm/associations/2026-03/calls/contacts/batch/read')
      .times(3)
      .reply((_uri, body) => {
        const request = body as { inputs: { id: string; after?: string }[] };
        bodies.push(request);
        const results = request.inputs
          .filter(({ id }) => id !== '2')
          .map(({ id, after }) => ({
            from: { id },
            to: [{ toObjectId: String(after ? 9002 : 9000 + Number(id)), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 194 }] }],
            ...(id === '1' && !after && { paging: { next: { after: 'more' } } }),
          }));
        return [207, { ...BATCH_OK(results), errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'no associations', context: { fromIds: ['2'] } }] }];
      });

    // v4 association reads take 1,000 ids a call.
    const map = await gateway.forPortal(PORTAL).associations.batchRead('calls', 'contacts', [...ids(1, 1_001)]);

    expect(map.size).toBe(1_001);
    expect(map.get('1')).toEqual(['9001', '9002']);
    expect(map.get('2')).toEqual([]);
    expect(map.get('1001')).toEqual(['10001']);
    expect(bodies.map((b) => b.inputs.length).sort((a, b) => a - b)).toEqual([1, 1, 1_000]);
    expect(bodies.find((b) => b.inputs[0]?.after)?.inputs).toEqual([{ id: '1', after: 'more' }]);
  });

  test('objects.batchRead reads engagements by object type', async () => {
    nock(API)
      .post('/crm/objects/2026-03/meetings/batch/read', { inputs: [{ id: '77' }], properties: ['hs_meeting_title'], propertiesWithHistory: [] })
      .query({ archived: 'false' })
      .reply(200, BATCH_OK([CONTACT('77', { hs_meeting_title: 'Demo' })]));

    const records = await gateway.forPortal(PORTAL).objects.batchRead('meetings', ['77'], ['hs_meeting_title']);

    expect(records).toEqual([expect.objectContaining({ id: '77', properties: expect.objectContaining({ hs_meeting_title: 'Demo' }) })]);
  });

  test('tasks.create posts the task with its contact association', async () => {
    nock(API)
      .post('/crm/objects/2026-03/tasks', {
        properties: { hs_task_subject: 'Call the lead', hs_timestamp: '2025-01-01T10:00:00Z' },
        associations: [{ to: { id: '12' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }] }],
      })
      .reply(201, CONTACT('500', { hs_task_subject: 'Call the lead' }));

    const task = await gateway.forPortal(PORTAL).tasks.create({
      properties: { hs_task_subject: 'Call the lead', hs_timestamp: '2025-01-01T10:00:00Z' },
      associations: [{ toObjectId: '12', associationTypeId: 204 }],
    });

    expect(task.id).toBe('500');
  });

  test('calls go to the configured apiBase (e.g. the sandbox emulator) with the portal token', async () => {
    const local = testGateway({ apiBase: 'http://127.0.0.1:4010' });
    nock('http://127.0.0.1:4010')
      .post('/crm/objects/2026-03/contacts/batch/read')
      .query(true)
      .matchHeader('authorization', `Bearer token-${PORTAL}-1`)
      .reply(200, BATCH_OK([CONTACT('1')]));

    const records = await local.forPortal(PORTAL).contacts.batchRead(['1'], []);
    await local.close();

    expect(records).toHaveLength(1);
  });

  test('every path follows the configured API version: the next one is a setting, not a code change', async () => {
    const next = testGateway({ apiVersion: '2026-09' });
    nock(API)
      .post('/crm/objects/2026-09/contacts/batch/read')
      .query(true)
      .reply(200, BATCH_OK([CONTACT('1')]))
      .get('/crm/owners/2026-09')
      .query(true)
      .reply(200, { results: [] })
      .post('/crm/associations/2026-09/calls/contacts/batch/read')
      .reply(200, BATCH_OK([]));

    const client = next.forPortal(PORTAL);
    expect(await client.contacts.batchRead(['1'], [])).toHaveLength(1);
    expect(await client.owners.listAll()).toEqual([]);
    expect((await client.associations.batchRead('calls', 'contacts', ['5'])).get('5')).toEqual([]);
    await next.close();
    expect(nock.isDone()).toBe(true);
  });
});
