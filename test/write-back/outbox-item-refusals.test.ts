import nock from 'nock';
import { Registry } from 'prom-client';
import { silentLogger } from '../../src/log';
import { createPipelineMetrics } from '../../src/process/pipeline-metrics';
import type { Db } from '../../src/store/db';
import { OutboxWriter } from '../../src/write-back/outbox-writer';
import { API, BATCH_OK, CONTACT, testGateway } from '../hubspot/gateway-test-kit';
import { testDatabases, truncateAll } from '../support/databases';

const PORTAL = 6_101;
const BATCH_UPDATE = /\/contacts\/batch\/update$/;

type Inputs = { inputs: { id: string; properties: Record<string, string> }[] };

/**
 * HubSpot documents a write breaking a portal's validation rules as a 400 for the whole request (the emulator
 * answers so; see outbox-writer.test.ts). Should a batch update answer 207 with VALIDATION_ERROR items instead,
 * only those contacts are set aside. HubSpot is played by nock here.
 */
describe.each(testDatabases)('outbox writer and 207 VALIDATION_ERROR items on $name', (database) => {
  let db: Db;
  let gateway: ReturnType<typeof testGateway>;
  let writer: OutboxWriter;

  beforeAll(async () => {
    nock.disableNetConnect();
    db = await database.open();
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await db.close();
  });
  beforeEach(async () => {
    await truncateAll(db);
    gateway = testGateway();
    writer = new OutboxWriter({ db, gateway, logger: silentLogger, metrics: createPipelineMetrics(new Registry(), db) });
  });
  afterEach(async () => {
    nock.cleanAll();
    await gateway.close();
  });

  // Stamped from a JS Date as the pipeline does (millisecond precision, which is what the writer compares).
  const queue = (contactIds: number[]) =>
    db.query(
      `INSERT INTO outbox (portal_id, contact_id, properties, updated_at, available_at)
       SELECT $1, c, '{"lm_score": "7"}'::jsonb, $3, $3 FROM unnest($2::bigint[]) AS c`,
      [PORTAL, contactIds, new Date()],
    );
  const refusedContacts = async () =>
    (await db.query<{ contact_id: number; message: string; property_names: string[] }>(
      'SELECT contact_id, message, property_names FROM write_rejections WHERE portal_id = $1 ORDER BY contact_id',
      [PORTAL],
    ));
  const item = (context: Record<string, string[]>) => ({ status: 'error', category: 'VALIDATION_ERROR', message: 'company is required', context });
  const answer207 = (inputs: Inputs['inputs'], refused: string[], context: (id: string) => Record<string, string[]>) => ({
    ...BATCH_OK(inputs.filter(({ id }) => !refused.includes(id)).map(({ id, properties }) => CONTACT(id, properties))),
    numErrors: refused.length,
    errors: refused.map((id) => item(context(id))),
  });

  it('sets aside the contacts the items name; the others are written', async () => {
    await queue([1, 2, 3]);
    nock(API)
      .post(BATCH_UPDATE)
      .reply(207, (_uri, body) => answer207((body as Inputs).inputs, ['2'], (id) => ({ ids: [id], propertyName: ['company'] })));

    expect(await writer.flushPortal(PORTAL)).toMatchObject({ written: 2, refused: 1, gone: 0, failed: 0 });
    expect(await refusedContacts()).toEqual([{ contact_id: 2, message: 'company is required', property_names: ['company'] }]);
    expect(await db.query('SELECT 1 FROM outbox WHERE portal_id = $1', [PORTAL])).toHaveLength(0);
  });

  it('halves the batch until it finds the contact an item names no id for', async () => {
    await queue([1, 2, 3, 4]);
    const sizes: number[] = [];
    nock(API)
      .post(BATCH_UPDATE)
      .times(5)
      .reply(207, (_uri, body) => {
        const { inputs } = body as Inputs;
        sizes.push(inputs.length);
        return answer207(inputs, inputs.some(({ id }) => id === '3') ? ['3'] : [], () => ({}));
      });

    expect(await writer.flushPortal(PORTAL)).toMatchObject({ written: 3, refused: 1, failed: 0 });
    expect(sizes).toEqual([4, 2, 2, 1, 1]);
    expect(await refusedContacts()).toEqual([{ contact_id: 3, message: 'company is required', property_names: [] }]);
  });
});
