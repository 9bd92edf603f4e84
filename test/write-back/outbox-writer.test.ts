import type { HubspotGateway } from '../../src/hubspot/gateway';
import { silentLogger } from '../../src/log';
import { OutboxWriter } from '../../src/write-back/outbox-writer';
import type { WebhookEvent } from '../../src/sandbox';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { callPaths } from '../../src/sandbox/route-paths';

const PORTAL = 5_001;
const T0 = Date.now() - 60_000; // recent: the default model decays older clicks
const UPDATE = { portalId: PORTAL, path: callPaths.batchUpdate };

describe.each(testDatabases)('outbox writer on $name', (database) => {
  let harness: PipelineHarness;
  let eventId = 1;

  beforeAll(async () => {
    harness = await startPipelineHarness(database, { sandbox: { portals: [{ portalId: PORTAL }] } });
  });
  afterAll(() => harness.stop());

  const contacts = (n: number) =>
    Array.from({ length: n }, (_, i) => Number(harness.sandbox.state.createRecord(PORTAL, 'contacts', { email: `w${eventId}-${i}@example.com` }).id));
  const click = (contactId: number): WebhookEvent =>
    ({
      eventId: eventId++,
      subscriptionId: 1,
      portalId: PORTAL,
      appId: harness.sandbox.app.appId,
      occurredAt: T0 + eventId,
      attemptNumber: 0,
      subscriptionType: 'contact.propertyChange',
      objectId: contactId,
      propertyName: 'hs_email_last_click_date',
      propertyValue: String(T0 + eventId),
      changeSource: 'EMAIL',
    }) as WebhookEvent;
  const score = (contactId: number) => harness.sandbox.state.properties(PORTAL, 'contacts', String(contactId))?.lm_score;
  const process = async (events: WebhookEvent[]) => {
    await harness.send(events);
    await harness.service.workers[0]!.drain();
  };

  it('writes 250 changed contacts in 3 batch calls, and nothing at all when nothing changed', async () => {
    const ids = contacts(250);
    const before = harness.sandbox.calls.count(UPDATE);
    await process(ids.map(click));
    expect(await harness.service.writer.flushAll()).toMatchObject({ written: 250, failed: 0 });
    expect(harness.sandbox.calls.count(UPDATE) - before).toBe(3);
    expect(ids.every((id) => score(id) === '4')).toBe(true);

    await process(ids.map((id) => ({ ...click(id), propertyName: 'firstname', propertyValue: 'Same' }) as WebhookEvent));
    expect(await harness.service.writer.flushAll()).toMatchObject({ written: 0 });
    expect(harness.sandbox.calls.count(UPDATE) - before).toBe(3);
  });

  it('a contact deleted in HubSpot meanwhile does not stop the others; its write is dropped', async () => {
    const ids = contacts(5);
    await process(ids.map(click));
    harness.sandbox.state.archiveRecord(PORTAL, 'contacts', String(ids[2]));
    expect(await harness.service.writer.flushAll()).toMatchObject({ written: 4, gone: 1 });
    expect([0, 1, 3, 4].map((i) => score(ids[i]!))).toEqual(['4', '4', '4', '4']);
    expect(await harness.service.db.query('SELECT 1 FROM outbox WHERE portal_id = $1', [PORTAL])).toHaveLength(0);
  });

  it('a batch HubSpot rejects for one contact is split so the others land; that one\u2019s refusal is recorded, not retried', async () => {
    const ids = contacts(8);
    await process(ids.map(click));
    await harness.service.db.query(
      `UPDATE outbox SET properties = properties || '{"lifecyclestage": "not-a-stage"}' WHERE portal_id = $1 AND contact_id = $2`,
      [PORTAL, ids[5]],
    );
    expect(await harness.service.writer.flushAll()).toMatchObject({ written: 7, refused: 1, failed: 0 });
    expect(ids.filter((id) => score(id) === '4')).toHaveLength(7);
    expect(await harness.service.db.query('SELECT 1 FROM outbox WHERE portal_id = $1', [PORTAL])).toHaveLength(0);
    const rejections = await harness.service.db.query<{ contact_id: number; message: string; property_names: string[] }>(
      'SELECT contact_id, message, property_names FROM write_rejections WHERE portal_id = $1',
      [PORTAL],
    );
    expect(rejections).toEqual([
      { contact_id: ids[5], message: expect.stringContaining('not-a-stage was not one of the allowed options'), property_names: ['lifecyclestage'] },
    ]);
  });

  it('a 100-contact batch HubSpot refuses for its validation rules is split: only the contacts breaking them are set aside', async () => {
    const ids = contacts(100);
    const offenders = [ids[17]!, ids[62]!];
    harness.sandbox.state.validationRules.set(PORTAL, [{ property: 'lm_score', rule: 'maxLength', maxLength: 1, message: 'Score must be one digit' }]);
    try {
      await process([...ids.map(click), ...offenders.map(click), ...offenders.map(click)]);
      expect(await harness.service.writer.flushAll()).toMatchObject({ written: 98, refused: 2, failed: 0 });
      expect(ids.filter((id) => score(id) === '4')).toHaveLength(98);
      expect(offenders.map(score)).toEqual([undefined, undefined]);
      const rejections = await harness.service.db.query<{ contact_id: number; message: string; property_names: string[]; properties: Record<string, string> }>(
        'SELECT contact_id, message, property_names, properties FROM write_rejections WHERE portal_id = $1 AND contact_id = ANY($2::bigint[]) ORDER BY contact_id',
        [PORTAL, offenders],
      );
      expect(rejections).toEqual(
        offenders.map((id) => ({ contact_id: id, message: 'Score must be one digit', property_names: ['lm_score'], properties: expect.objectContaining({ lm_score: '12' }) })),
      );
    } finally {
      harness.sandbox.state.validationRules.clear(PORTAL);
    }
  });

  it('a newer value queued while a batch is being written stays queued, due at once; the others are settled', async () => {
    const ids = contacts(3);
    await process(ids.map(click));
    const { db, gateway, pipelineMetrics } = harness.service;
    const newer = { lm_score: '99' };
    // A worker queues a newer value for the second contact while HubSpot is taking the batch.
    const meanwhile = Object.create(gateway) as HubspotGateway;
    meanwhile.forPortal = (portalId) => {
      const client = gateway.forPortal(portalId);
      return {
        ...client,
        contacts: {
          ...client.contacts,
          batchUpdate: async (inputs) => {
            await db.query('UPDATE outbox SET properties = $3, updated_at = $4 WHERE portal_id = $1 AND contact_id = $2', [
              PORTAL,
              ids[1],
              JSON.stringify(newer),
              new Date(Date.now() + 1),
            ]);
            return client.contacts.batchUpdate(inputs);
          },
        },
      };
    };
    const writer = new OutboxWriter({ db, gateway: meanwhile, logger: silentLogger, metrics: pipelineMetrics });
    expect(await writer.flushPortal(PORTAL)).toMatchObject({ written: 3, failed: 0 });
    const queued = await db.query<{ contact_id: number; properties: Record<string, string>; available_at: Date }>(
      'SELECT contact_id, properties, available_at FROM outbox WHERE portal_id = $1 AND contact_id = ANY($2::bigint[])',
      [PORTAL, ids],
    );
    expect(queued).toEqual([{ contact_id: ids[1], properties: newer, available_at: expect.any(Date) }]);
    expect(queued[0]!.available_at.getTime()).toBeLessThanOrEqual(Date.now());
    const writtenScores = await db.query<{ score: string }>(
      "SELECT written->>'lm_score' AS score FROM contacts WHERE portal_id = $1 AND contact_id = ANY($2::bigint[]) ORDER BY contact_id",
      [PORTAL, ids],
    );
    expect(writtenScores.map((row) => row.score)).toEqual(['4', '4', '4']);
  });
});
