import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema, type PortalSettings } from '../../src/domain/portal-settings';
import { runJobOnce } from '../../src/jobs/schedule-job';
import { ownersSyncJob } from '../../src/jobs/owners-sync-job';
import { slaSweepJob } from '../../src/jobs/sla-sweep-job';
import { silentLogger } from '../../src/log';
import { OutboxWriter } from '../../src/write-back/outbox-writer';
import { settleContact } from '../../src/process/settle-contacts';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { signedCall } from '../support/signed-fetch';

const PORTAL = 14_001;
const HOUR = 3_600_000;
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const EVERY_DAY = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY };

describe.each(testDatabases)('first-touch SLA sweep on $name', (database) => {
  let harness: PipelineHarness;
  let reps: string[];
  let version = 0;
  const t0 = Date.now();

  const settings = (onBreach: 'reassign' | 'recycle'): PortalSettings =>
    portalSettingsSchema.parse({
      ...DEFAULT_PORTAL_SETTINGS,
      routing: {
        useCompanyOwner: false,
        rules: [],
        defaultPool: 'inbound',
        pools: [{ id: 'inbound', label: 'Inbound', strategy: 'round_robin', managerOwnerId: reps[0], members: reps.map((ownerId) => ({ ownerId, weight: 1, caps: {} })) }],
        reps: Object.fromEntries(reps.map((id) => [id, { calendar: { timeZone: 'UTC', workingHours: EVERY_DAY, holidays: {} } }])),
      },
      sla: {
        policies: [{ id: 'inbound', label: 'Inbound 4h', appliesTo: { poolIds: ['inbound'] }, firstTouchWithinHours: 4, reminderAtFraction: 0.5, onBreach, clearOwnerOnRecycle: true }],
        defaultCalendar: { timeZone: 'UTC', workingHours: EVERY_DAY, holidays: {} },
      },
    });

  beforeAll(async () => {
    harness = await startPipelineHarness(database, { sandbox: { portals: [{ portalId: PORTAL }] } });
    reps = ['a', 'b'].map((n) => harness.sandbox.state.createOwner(PORTAL, { email: `${n}@example.com`, firstName: n, lastName: 'Rep' }).id);
  });
  afterAll(() => harness.stop());

  /** A lead a rep accepts at t0: it becomes sales-ready and is routed. */
  const salesReadyLead = async (onBreach: 'reassign' | 'recycle') => {
    await harness.publish(PORTAL, settings(onBreach), ++version);
    const contactId = Number(harness.sandbox.state.createRecord(PORTAL, 'contacts', { email: `lead${version}@example.com` }).id);
    await harness.service.db.query(`INSERT INTO lead_decisions (portal_id, contact_id, kind, decided_at, decided_by) VALUES ($1, $2, 'accept', $3, 'user:1')`, [
      PORTAL,
      contactId,
      new Date(t0),
    ]);
    const live = await harness.service.settings.live(PORTAL); // read before the transaction: PGlite has one connection
    await harness.service.db.transaction((tx) => settleContact(tx, { portalId: PORTAL, live, now: new Date(t0) }, contactId, []));
    return contactId;
  };
  const sweep = async (hours: number) => {
    const now = new Date(t0 + hours * HOUR);
    const { db, gateway, installations, settings: store, pipelineMetrics } = harness.service;
    const result = await runJobOnce(slaSweepJob({ db, gateway, installations, settings: store, logger: silentLogger }), db, now);
    await new OutboxWriter({ db, gateway, logger: silentLogger, metrics: pipelineMetrics, now: () => now }).flushAll();
    return result.acquired ? result.value : undefined;
  };
  const props = (contactId: number) => harness.sandbox.state.properties(PORTAL, 'contacts', String(contactId))!;
  const tasks = () => [...(harness.sandbox.state.portal(PORTAL).objects.get('tasks')?.values() ?? [])].map((task) => task.properties);

  it('reminds the owner half way, reassigns on breach with a new clock, and a touch by the new owner meets it', async () => {
    const contactId = await salesReadyLead('reassign');
    await sweep(0);
    const first = props(contactId).hubspot_owner_id!;
    expect(reps).toContain(first);
    expect(props(contactId)).toMatchObject({ lm_sla_state: 'on_track', lm_sla_due_at: new Date(t0 + 4 * HOUR).toISOString() });

    expect(await sweep(1)).toMatchObject({ reminded: 0, breached: 0 });
    expect(await sweep(2.5)).toMatchObject({ reminded: 1 });
    expect(props(contactId).lm_sla_state).toBe('at_risk');
    expect(tasks().filter((t) => t.hs_task_subject?.startsWith('Reminder'))).toEqual([expect.objectContaining({ hubspot_owner_id: first })]);
    expect(await sweep(2.6)).toMatchObject({ reminded: 0 }); // once per clock

    await sweep(4.5);
    const second = props(contactId).hubspot_owner_id!;
    expect(second).not.toBe(first);
    expect(props(contactId)).toMatchObject({ lm_sla_state: 'on_track', lm_sla_due_at: new Date(t0 + 8.5 * HOUR).toISOString() });
    const clocks = await harness.service.db.query<{ owner_id: string; state: string; clock: { breachedAt?: number } }>(
      'SELECT owner_id, state, clock FROM sla_clocks WHERE portal_id = $1 AND contact_id = $2 ORDER BY id',
      [PORTAL, contactId],
    );
    // The first clock ends reassigned and still counts as a breach; the new owner's clock runs.
    expect(clocks.map((c) => [c.owner_id, c.state, c.clock.breachedAt])).toEqual([
      [first, 'reassigned', t0 + 4 * HOUR],
      [second, 'on_track', undefined],
    ]);

    const live = await harness.service.settings.live(PORTAL);
    await harness.service.db.transaction((tx) =>
      settleContact(tx, { portalId: PORTAL, live, now: new Date(t0 + 5 * HOUR) }, contactId, [
        { kind: 'engagement', engagement: { key: 'notes:1', objectType: 'notes', id: '1', occurredAt: t0 + 5 * HOUR, properties: { hubspot_owner_id: second } } },
      ]),
    );
    // The note meets the clock as it is processed; the sweep has nothing left to do.
    expect(await sweep(5.1)).toMatchObject({ advanced: 0, met: 0 });
    expect(props(contactId).lm_sla_state).toBe('met');
  });

  it('a lead status change by the owner in HubSpot meets the SLA; one by another user or by an integration does not', async () => {
    const { db, gateway, installations } = harness.service;
    // The reps were created after the install: the hourly owners sync learns their HubSpot user ids.
    expect(await runJobOnce(ownersSyncJob({ db, gateway, installations, logger: silentLogger }), db, new Date())).toEqual({ acquired: true, value: { synced: 1 } });
    const contactId = await salesReadyLead('reassign');
    await sweep(0);
    const owner = props(contactId).hubspot_owner_id!;
    const other = reps.find((id) => id !== owner)!;
    const userOf = (ownerId: string) => harness.sandbox.state.portal(PORTAL).owners.get(ownerId)!.userId;
    const statusChange = (key: string, hours: number, changeSource: string, sourceId: string) => ({
      kind: 'event' as const,
      event: { key, subscriptionType: 'contact.propertyChange', objectId: contactId, occurredAt: t0 + hours * HOUR, propertyName: 'hs_lead_status', propertyValue: 'ATTEMPTED_TO_CONTACT', changeSource, sourceId },
    });
    const apply = async (hours: number, inputs: ReturnType<typeof statusChange>[]) => {
      const live = await harness.service.settings.live(PORTAL);
      await db.transaction((tx) => settleContact(tx, { portalId: PORTAL, live, now: new Date(t0 + hours * HOUR) }, contactId, inputs));
    };
    await apply(1, [statusChange('by-other-rep', 1, 'CRM_UI', `userId:${userOf(other)}`), statusChange('by-integration', 1.1, 'INTEGRATION', '998877')]);
    await sweep(1.5);
    expect(props(contactId).lm_sla_state).toBe('on_track');
    await apply(2, [statusChange('by-owner', 2, 'CRM_UI', `userId:${userOf(owner)}`)]);
    expect(await sweep(2.1)).toMatchObject({ advanced: 0, met: 0 }); // met as the change was processed
    expect(props(contactId).lm_sla_state).toBe('met');
  });

  it('recycles the lead to marketing and clears its owner when the policy says so', async () => {
    const contactId = await salesReadyLead('recycle');
    await sweep(0);
    expect(props(contactId).hubspot_owner_id).not.toBe('');
    await sweep(4.5);
    expect(props(contactId)).toMatchObject({ lm_status: 'recycled', lm_sla_state: 'recycled', hubspot_owner_id: '' });
  });

  it('reports SLA met and breached by rep and pool, time to first touch, and assignments against the target shares', async () => {
    const { status, json } = await signedCall(harness.service.url, 'GET', '/api/reports/routing?days=30', undefined, {
      portalId: PORTAL,
      secret: harness.sandbox.app.clientSecret,
    });
    expect(status).toBe(200);
    const sla = json.sla as { met: number; breached: number; open: number }[];
    expect(sla.reduce((n, row) => n + row.met, 0)).toBe(2); // the reassigned lead's second owner, and the lead status change
    expect(sla.reduce((n, row) => n + row.breached, 0)).toBe(2); // the first owner of the reassigned lead, and the recycled lead's
    expect(json.medianHoursToFirstTouch).toBe(1.3); // 0.5 h and 2 h, to one decimal
    expect(json.distribution).toHaveLength(2);
    for (const row of json.distribution as { targetShare: number }[]) expect(row.targetShare).toBe(0.5);
    expect((json.distribution as { assigned: number }[]).reduce((n, row) => n + row.assigned, 0)).toBe(4);
  });
});
