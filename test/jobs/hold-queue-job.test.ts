import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema, type PortalSettings } from '../../src/domain/portal-settings';
import { holdQueueJob } from '../../src/jobs/hold-queue-job';
import { runJobOnce } from '../../src/jobs/schedule-job';
import { silentLogger } from '../../src/log';
import { settleContact } from '../../src/process/settle-contacts';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { formSubmission } from '../support/form-submission';

const PORTAL = 13_001;
const ALL_DAY = [{ start: '00:00', end: '24:00' }];

describe.each(testDatabases)('hold queue on $name', (database) => {
  let harness: PipelineHarness;
  let reps: string[];

  const settings = (away: boolean): PortalSettings =>
    portalSettingsSchema.parse({
      ...DEFAULT_PORTAL_SETTINGS,
      routing: {
        useCompanyOwner: false,
        rules: [],
        defaultPool: 'inbound',
        pools: [{ id: 'inbound', label: 'Inbound', strategy: 'round_robin', managerOwnerId: reps[0], members: reps.map((ownerId) => ({ ownerId, weight: 1, caps: {} })) }],
        reps: Object.fromEntries(
          reps.map((id) => [id, { away, calendar: { timeZone: 'UTC', workingHours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, holidays: {} } }]),
        ),
      },
    });

  beforeAll(async () => {
    harness = await startPipelineHarness(database, { sandbox: { portals: [{ portalId: PORTAL }] } });
    reps = ['a@example.com', 'b@example.com'].map((email) => harness.sandbox.state.createOwner(PORTAL, { email, firstName: 'Rep', lastName: email }).id);
  });
  afterAll(() => harness.stop());

  it('holds a sales-ready lead while every rep is away, then gives it to the first rep back and writes the owner', async () => {
    await harness.publish(PORTAL, settings(true), 1);
    const contactId = Number(harness.sandbox.state.createRecord(PORTAL, 'contacts', { email: 'hot@example.com', industry: 'Internet' }).id);
    const at = Date.now() - 60_000;
    const form = (eventId: number, form: string) => formSubmission({ portalId: PORTAL, appId: harness.sandbox.app.appId, contactId, eventId, form, occurredAt: at + eventId });
    // Points alone stay below SQL under the default model, so a rep accepts the lead: it becomes sales-ready.
    await harness.deliver([form(1, 'Demo request'), form(2, 'Webinar'), form(3, 'Ebook')]);
    await harness.service.db.query(
      `INSERT INTO lead_decisions (portal_id, contact_id, kind, decided_at, decided_by) VALUES ($1, $2, 'accept', now(), 'user:1')`,
      [PORTAL, contactId],
    );
    const job = holdQueueJob({ db: harness.service.db, gateway: harness.service.gateway, installations: harness.service.installations, settings: harness.service.settings, logger: silentLogger });
    const live = await harness.service.settings.live(PORTAL); // read before the transaction: PGlite has one connection
    await harness.service.db.transaction((tx) => settleContact(tx, { portalId: PORTAL, live, now: new Date() }, contactId, []));
    await harness.service.writer.flushAll();
    const props = () => harness.sandbox.state.properties(PORTAL, 'contacts', String(contactId))!;
    expect(props()).toMatchObject({ lm_status: 'sql', lm_routing_reason: expect.stringMatching(/^On hold: .*away/) });
    expect(props().hubspot_owner_id ?? '').toBe('');

    const tasks = () => [...(harness.sandbox.state.portal(PORTAL).objects.get('tasks')?.values() ?? [])].map((task) => task.properties);
    expect(await runJobOnce(job, harness.service.db, new Date())).toEqual({ acquired: true, value: { assigned: 0, stillHeld: 1, released: 0, failedPortals: 0, tasksSent: 1 } });
    expect(await runJobOnce(job, harness.service.db, new Date())).toEqual({ acquired: true, value: { assigned: 0, stillHeld: 1, released: 0, failedPortals: 0, tasksSent: 0 } });
    const rows = await harness.service.db.query('SELECT 1 FROM assignments WHERE portal_id = $1', [PORTAL]);
    expect(rows).toHaveLength(1); // waiting does not pile up a row per attempt
    // The pool's manager is alerted once per hold, with why nobody could take the lead.
    expect(tasks()).toEqual([
      expect.objectContaining({ hs_task_subject: 'Lead waiting in the hold queue', hubspot_owner_id: reps[0], hs_task_body: expect.stringMatching(/away/) }),
    ]);

    await harness.publish(PORTAL, settings(false), 2);
    expect(await runJobOnce(job, harness.service.db, new Date())).toEqual({ acquired: true, value: { assigned: 1, stillHeld: 0, released: 0, failedPortals: 0, tasksSent: 0 } });
    await harness.service.writer.flushAll();
    expect(reps).toContain(props().hubspot_owner_id);
    expect(props().lm_routing_pool).toBe('inbound');
  });

  it('releases the leads waiting in the hold queue when the portal turns routing off, and says why', async () => {
    await harness.publish(PORTAL, settings(true), 3);
    const contactId = Number(harness.sandbox.state.createRecord(PORTAL, 'contacts', { email: 'waiting@example.com' }).id);
    await harness.service.db.query(`INSERT INTO lead_decisions (portal_id, contact_id, kind, decided_at, decided_by) VALUES ($1, $2, 'accept', now(), 'user:1')`, [PORTAL, contactId]);
    const live = await harness.service.settings.live(PORTAL);
    await harness.service.db.transaction((tx) => settleContact(tx, { portalId: PORTAL, live, now: new Date() }, contactId, []));
    const job = holdQueueJob({ db: harness.service.db, gateway: harness.service.gateway, installations: harness.service.installations, settings: harness.service.settings, logger: silentLogger });

    await harness.publish(PORTAL, DEFAULT_PORTAL_SETTINGS, 4);
    expect(await runJobOnce(job, harness.service.db, new Date())).toMatchObject({ acquired: true, value: { assigned: 0, stillHeld: 0, released: 1 } });
    await harness.service.writer.flushAll();
    expect(harness.sandbox.state.properties(PORTAL, 'contacts', String(contactId))).toMatchObject({
      lm_routing_reason: 'Released: Routing was turned off while the lead waited in the hold queue.',
    });
  });
});
