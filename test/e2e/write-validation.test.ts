import type { WebhookEvent } from '../../src/sandbox';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { signedCall } from '../support/signed-fetch';
import { callPaths } from '../../src/sandbox/route-paths';

const PORTAL = 7_301;
const USER = 4242;
const UPDATE = { portalId: PORTAL, path: callPaths.batchUpdate };
const T0 = Date.now() - 60_000;

describe.each(testDatabases)('HubSpot refuses a write for the portal\u2019s validation rules, end to end, on $name', (database) => {
  let harness: PipelineHarness;
  let eventId = 1;
  let ids: string[];
  let offender: string;

  beforeAll(async () => {
    harness = await startPipelineHarness(database, {
      sandbox: { portals: [{ portalId: PORTAL, user: { id: USER, email: 'admin@example.com' } }] },
      arrange: (sandbox) => {
        ids = Array.from({ length: 6 }, (_, i) =>
          sandbox.state.createRecord(PORTAL, 'contacts', { email: `v${i}@example.com`, ...(i === 3 ? {} : { company: `Company ${i}` }) }).id,
        );
        offender = ids[3]!;
        // The admin's rule: a lead with a status must have a company (a conditional required property).
        sandbox.state.validationRules.set(PORTAL, [{ property: 'company', rule: 'required', when: { property: 'lm_status', equals: 'new' } }]);
      },
    });
  });
  afterAll(() => harness.stop());

  const event = (contactId: string, propertyName: string, propertyValue: string): WebhookEvent =>
    ({
      eventId: eventId++,
      subscriptionId: 1,
      portalId: PORTAL,
      appId: harness.sandbox.app.appId,
      occurredAt: T0 + eventId,
      attemptNumber: 0,
      subscriptionType: 'contact.propertyChange',
      objectId: Number(contactId),
      propertyName,
      propertyValue,
      changeSource: 'EMAIL',
    }) as WebhookEvent;
  const click = (contactId: string) => event(contactId, 'hs_email_last_click_date', String(T0 + eventId));
  const process = async (events: WebhookEvent[]) => {
    await harness.send(events);
    await harness.service.workers[0]!.drain();
    return harness.service.writer.flushAll();
  };
  const hubspot = (contactId: string) => harness.sandbox.state.properties(PORTAL, 'contacts', contactId)!;
  const updateCalls = () => harness.sandbox.calls.count(UPDATE);
  const card = async (contactId: string) =>
    (await signedCall(harness.service.url, 'GET', `/api/cards/lead-score?contactId=${contactId}`, undefined, {
      portalId: PORTAL,
      userId: USER,
      secret: harness.sandbox.app.clientSecret,
    })).json.lead;
  const refusalsCounted = async () => {
    const text = await (await fetch(`${harness.service.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('lead_manager_hubspot_write_validation_errors_total{reason="required_property"}'));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  it('writes the other contacts of the batch and records HubSpot\u2019s refusal for the one breaking the rule', async () => {
    expect(await process(ids.map(click))).toMatchObject({ written: 5, refused: 1, failed: 0 });

    expect(ids.filter((id) => id !== offender).map((id) => [hubspot(id).lm_score, hubspot(id).lm_status])).toEqual(Array(5).fill(['4', 'new']));
    expect(hubspot(offender).lm_score).toBeUndefined();
    const lead = await card(offender);
    expect(lead.writeRejection).toEqual({ message: 'company is required', properties: ['company'], at: expect.any(String) });
    expect((await card(ids[0]!)).writeRejection).toBeNull();
    expect(await refusalsCounted()).toBe(1);
  });

  it('does not send the same values again on the next pass', async () => {
    const before = updateCalls();
    // The contact is settled again and its (unchanged) values queued again: the writer leaves them be.
    expect(await process([event(offender, 'firstname', 'Ada')])).toMatchObject({ written: 0, unchanged: 1, refused: 0, failed: 0 });

    expect(updateCalls()).toBe(before);
    expect((await card(offender)).writeRejection).toMatchObject({ message: 'company is required' });
    expect(await refusalsCounted()).toBe(1);
  });

  it('sends them again once they change, and records HubSpot\u2019s answer', async () => {
    const before = updateCalls();
    expect(await process([click(offender)])).toMatchObject({ written: 0, refused: 1 });

    expect(updateCalls()).toBe(before + 1);
    const [recorded] = await harness.service.db.query<{ score: string }>(
      "SELECT properties->>'lm_score' AS score FROM write_rejections WHERE portal_id = $1 AND contact_id = $2",
      [PORTAL, offender],
    );
    expect(recorded?.score).toBe('8');
    expect(await refusalsCounted()).toBe(2);
  });

  it('writes them once HubSpot takes them, and the card no longer shows the refusal', async () => {
    harness.sandbox.state.setProperties(PORTAL, 'contacts', offender, { company: 'Offender Ltd' });
    expect(await process([click(offender)])).toMatchObject({ written: 1, refused: 0 });

    expect(hubspot(offender)).toMatchObject({ lm_score: '12', lm_status: 'new' });
    expect((await card(offender)).writeRejection).toBeNull();
    expect(await harness.service.db.query('SELECT 1 FROM write_rejections WHERE portal_id = $1', [PORTAL])).toHaveLength(0);
  });
});
