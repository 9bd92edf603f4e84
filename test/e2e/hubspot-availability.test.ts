import { addBusinessTime } from '../../src/domain/calendar';
import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema, type PortalSettings } from '../../src/domain/portal-settings';
import type { RoutingSettingsInput } from '../../src/domain/routing';
import { holdQueueJob } from '../../src/jobs/hold-queue-job';
import { runJobOnce } from '../../src/jobs/schedule-job';
import { silentLogger } from '../../src/log';
import { setUserAvailability, type Owner } from '../../src/sandbox';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { formSubmission } from '../support/form-submission';
import { signedCall } from '../support/signed-fetch';

const PORTAL = 14_001;
const HOUR = 3_600_000;
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const ALWAYS = { timeZone: 'UTC', workingHours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, holidays: {} };
const EVERY_DAY_HOURS = JSON.stringify([{ days: 'EVERY_DAY', startMinute: 0, endMinute: 1440 }]);
const WEEKDAYS_9_TO_5 = JSON.stringify([{ days: 'MONDAY_TO_FRIDAY', startMinute: 540, endMinute: 1020 }]);
const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
const NEW_YORK = { timeZone: 'America/New_York', workingHours: { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE }, holidays: {} };

describe.each(testDatabases)('reps\u2019 availability read from HubSpot\u2019s users, on $name', (database) => {
  let harness: PipelineHarness;
  let away: Owner;
  let tokyo: Owner;
  let unscheduled: Owner;

  const call = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    signedCall(harness.service.url, method, path, body, { portalId: PORTAL, secret: harness.sandbox.app.clientSecret });

  const settings = (members: Owner[], overrides: RoutingSettingsInput['reps'] = {}): PortalSettings =>
    portalSettingsSchema.parse({
      ...DEFAULT_PORTAL_SETTINGS,
      routing: {
        useCompanyOwner: false,
        rules: [],
        defaultPool: 'inbound',
        pools: [{ id: 'inbound', label: 'Inbound', strategy: 'round_robin', managerOwnerId: away.id, members: members.map((owner) => ({ ownerId: owner.id })) }],
        reps: overrides,
      },
      sla: {
        policies: [{ id: 'standard', label: 'Standard', appliesTo: {}, firstTouchWithinHours: 8, reminderAtFraction: 0.75, onBreach: 'escalate', clearOwnerOnRecycle: false }],
        defaultCalendar: NEW_YORK,
      },
    });

  let eventId = 0;
  /** A new lead fills in a form, and a rep accepts it on the card: it becomes sales-ready and is routed at once. */
  const acceptNewLead = async (email: string): Promise<number> => {
    const contactId = Number(harness.sandbox.state.createRecord(PORTAL, 'contacts', { email }).id);
    await harness.deliver([formSubmission({ portalId: PORTAL, appId: harness.sandbox.app.appId, contactId, eventId: (eventId += 1) })]);
    const answer = await call('POST', '/api/cards/lead-score/decision', { contactId, kind: 'accept' });
    expect(answer.status).toBe(200);
    return contactId;
  };
  const latestAssignment = async (contactId: number) =>
    (await harness.service.db.query<{ kind: string; owner_id: string | null; reason: string }>(
      'SELECT kind, owner_id, reason FROM assignments WHERE portal_id = $1 AND contact_id = $2 ORDER BY id DESC LIMIT 1',
      [PORTAL, contactId],
    ))[0]!;

  beforeAll(async () => {
    harness = await startPipelineHarness(database, {
      sandbox: { portals: [{ portalId: PORTAL }] },
      // Owners and their HubSpot users exist before the install, which reads both.
      arrange: (sandbox) => {
        const portal = sandbox.state.portal(PORTAL);
        away = sandbox.state.createOwner(PORTAL, { email: 'away@example.com', firstName: 'Ada', lastName: 'Away' });
        tokyo = sandbox.state.createOwner(PORTAL, { email: 'tokyo@example.com', firstName: 'Taro', lastName: 'Tokyo' });
        unscheduled = sandbox.state.createOwner(PORTAL, { email: 'none@example.com', firstName: 'Noa', lastName: 'None' });
        setUserAvailability(portal, away.userId, { hs_availability_status: 'away', hs_working_hours: EVERY_DAY_HOURS, hs_standard_time_zone: 'UTC' });
        setUserAvailability(portal, tokyo.userId, { hs_availability_status: 'available', hs_working_hours: WEEKDAYS_9_TO_5, hs_standard_time_zone: 'Asia/Tokyo' });
      },
    });
  });
  afterAll(() => harness.stop());

  it('reads the users at install and says which source decides for each rep', async () => {
    await harness.publish(PORTAL, settings([away, tokyo, unscheduled]), 1);
    const answer = await call('GET', '/api/settings/reps/availability');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ source: 'hubspot', readAt: expect.any(String) });
    const byOwner = Object.fromEntries((answer.json.reps as Array<{ ownerId: string }>).map((rep) => [rep.ownerId, rep]));
    expect(byOwner[away.id]).toMatchObject({ source: 'hubspot', calendarSource: 'hubspot', away: true, name: 'Ada Away' });
    expect(byOwner[tokyo.id]).toMatchObject({ source: 'hubspot', calendarSource: 'hubspot', timeZone: 'Asia/Tokyo' });
    expect(byOwner[unscheduled.id]).toMatchObject({ source: 'hubspot', calendarSource: 'default_calendar', timeZone: 'America/New_York' });
  });

  it('holds a lead whose only rep is away in HubSpot, saying so; an override in the settings then beats HubSpot', async () => {
    await harness.publish(PORTAL, settings([away]), 2);
    const contactId = await acceptNewLead('held@example.com');
    expect(await latestAssignment(contactId)).toMatchObject({ kind: 'held', reason: expect.stringContaining(`${away.id}: away in HubSpot`) });

    await harness.publish(PORTAL, settings([away], { [away.id]: { calendar: ALWAYS } }), 3);
    const job = holdQueueJob({ db: harness.service.db, gateway: harness.service.gateway, installations: harness.service.installations, settings: harness.service.settings, logger: silentLogger });
    expect(await runJobOnce(job, harness.service.db, new Date())).toMatchObject({ acquired: true, value: { assigned: 1, stillHeld: 0 } });
    expect(await latestAssignment(contactId)).toMatchObject({ kind: 'assigned', owner_id: away.id });
  });

  it('a refresh reads HubSpot again: a rep back from away takes leads', async () => {
    await harness.publish(PORTAL, settings([away]), 4);
    setUserAvailability(harness.sandbox.state.portal(PORTAL), away.userId, { hs_availability_status: 'available' });
    const refreshed = await call('POST', '/api/settings/reps/refresh-availability');
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.reps).toEqual(expect.arrayContaining([expect.objectContaining({ ownerId: away.id, away: false, source: 'hubspot' })]));
    const contactId = await acceptNewLead('back@example.com');
    expect(await latestAssignment(contactId)).toMatchObject({ kind: 'assigned', owner_id: away.id });
  });

  it('runs the SLA clock of a lead given to a rep in Tokyo in Tokyo\u2019s hours, and of a rep without a HubSpot schedule in the default calendar', async () => {
    await harness.publish(PORTAL, settings([away], { [away.id]: { calendar: ALWAYS } }), 5);
    for (const [owner, calendar, source] of [
      [tokyo, { ...NEW_YORK, timeZone: 'Asia/Tokyo' }, 'hubspot'],
      [unscheduled, NEW_YORK, 'default_calendar'],
    ] as const) {
      const contactId = await acceptNewLead(`${owner.email.split('@')[0]}-lead@example.com`);
      const card = await call('POST', '/api/cards/routing/action', { contactId, kind: 'reassign', to: { ownerId: owner.id } });
      expect(card.status).toBe(200);
      expect(card.json.routing.sla).toMatchObject({ timeZone: calendar.timeZone, calendarSource: source });
      const [row] = await harness.service.db.query<{ owner_id: string; clock: { assignedAt: number; dueAt: number } }>(
        'SELECT owner_id, clock FROM sla_clocks WHERE portal_id = $1 AND contact_id = $2 ORDER BY id DESC LIMIT 1',
        [PORTAL, contactId],
      );
      expect(row?.owner_id).toBe(owner.id);
      expect(row!.clock.dueAt).toBe(addBusinessTime(calendar, row!.clock.assignedAt, 8 * HOUR));
    }
  });

  it('without the users scope, the settings decide and the settings page is told so', async () => {
    await harness.service.db.query(`UPDATE installations SET scopes = array_remove(scopes, 'crm.objects.users.read') WHERE portal_id = $1`, [PORTAL]);
    await harness.publish(PORTAL, settings([away], { [away.id]: { calendar: ALWAYS, away: true } }), 7);
    const answer = await call('POST', '/api/settings/reps/refresh-availability');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ source: 'settings', readAt: null, message: expect.stringContaining('crm.objects.users.read') });
    expect(answer.json.reps).toEqual([expect.objectContaining({ ownerId: away.id, source: 'settings', away: true })]);
    const contactId = await acceptNewLead('settings@example.com');
    // The settings' own words, as before HubSpot was read: no source named.
    expect((await latestAssignment(contactId)).reason).toContain(`${away.id}: away)`);
  });
});
