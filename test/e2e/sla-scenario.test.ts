import { DateTime } from 'luxon';
import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema, type PortalSettings } from '../../src/domain/portal-settings';
import { routingCardResponse } from '../../src/api/routing-card-responses';
import { holdQueueJob } from '../../src/jobs/hold-queue-job';
import { runJobOnce, type JobDefinition } from '../../src/jobs/schedule-job';
import { sendTasksJob } from '../../src/jobs/send-tasks-job';
import { slaSweepJob } from '../../src/jobs/sla-sweep-job';
import { silentLogger } from '../../src/log';
import { sendWebhooks, type WebhookEvent } from '../../src/sandbox';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { signedCall } from '../support/signed-fetch';

const PORTAL = 17_001;
const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
const NEW_YORK_OFFICE = {
  timeZone: 'America/New_York',
  workingHours: { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE },
  holidays: {},
};

/**
 * The scenario runs on next week's Monday and Tuesday, so the service's clock is ahead of the database's (the inbox
 * makes events available at the database's time); the wall-clock times, and so the business-hour arithmetic, are the
 * same every run. No public holidays: any week will do.
 */
const MONDAY = DateTime.now().setZone('America/New_York').startOf('week').plus({ weeks: 1 });
/** An instant at a wall-clock time in New York on the scenario's Monday or Tuesday. */
const newYork = (day: 'mon' | 'tue', time: string) => {
  const [hour, minute] = time.split(':').map(Number);
  return MONDAY.plus({ days: day === 'mon' ? 0 : 1 }).set({ hour, minute }).toMillis();
};

type PoolId = 'reassign' | 'escalate' | 'recycle';
const COUNTRY: Record<PoolId, string> = { reassign: 'United States', escalate: 'Germany', recycle: 'France' };
const LEADS_PER_POOL: Record<PoolId, number> = { reassign: 4, escalate: 4, recycle: 3 };

interface Lead {
  contactId: number;
  pool: PoolId;
  /** The owner the lead was first routed to. */
  firstOwner: string;
}

describe.each(testDatabases)('reps who never touch their leads: reminded, breached and handled per policy, on $name', (database) => {
  let harness: PipelineHarness;
  /** The service's clock: every request, worker round and job runs at this instant. */
  let clock = newYork('mon', '10:00');
  let eventId = 0;
  const owners = { manager: '', dana: '', dev: '', sam: '', sid: '', sue: '' };
  const leads: Lead[] = [];

  const settings = (): PortalSettings => {
    const members = (...ownerIds: string[]) => ownerIds.map((ownerId) => ({ ownerId, weight: 1, caps: {} }));
    const pool = (id: PoolId, label: string, ...ownerIds: string[]) => ({ id, label, strategy: 'round_robin', managerOwnerId: owners.manager, members: members(...ownerIds) });
    const policy = (id: PoolId, onBreach: PoolId) => ({
      id: `${id}_4h`,
      label: `${id} within 4 business hours`,
      appliesTo: { poolIds: [id] },
      firstTouchWithinHours: 4,
      reminderAtFraction: 0.5,
      onBreach,
      clearOwnerOnRecycle: true,
    });
    const byCountry = (id: PoolId) => ({ id: `from_${id}`, label: COUNTRY[id], when: [{ subject: 'property', property: 'country', test: { op: 'eq', value: COUNTRY[id] } }], poolId: id });
    return portalSettingsSchema.parse({
      ...DEFAULT_PORTAL_SETTINGS,
      routing: {
        useCompanyOwner: false,
        rules: [byCountry('reassign'), byCountry('escalate'), byCountry('recycle')],
        defaultPool: 'reassign',
        pools: [pool('reassign', 'Americas', owners.sam, owners.dana), pool('escalate', 'DACH', owners.sid, owners.dev), pool('recycle', 'France', owners.sue)],
        reps: Object.fromEntries([owners.dana, owners.dev, owners.sam, owners.sid, owners.sue].map((id) => [id, { calendar: NEW_YORK_OFFICE }])),
      },
      sla: { policies: [policy('reassign', 'reassign'), policy('escalate', 'escalate'), policy('recycle', 'recycle')], defaultCalendar: NEW_YORK_OFFICE },
    });
  };

  beforeAll(async () => {
    harness = await startPipelineHarness(database, {
      sandbox: { portals: [{ portalId: PORTAL }] },
      service: { now: () => new Date(clock) },
      // Owners exist before the install, whose owners sync stores their names and user ids.
      arrange: (sandbox) => {
        const names = { manager: ['Mia', 'Manager'], dana: ['Dana', 'Diligent'], dev: ['Dev', 'Diligent'], sam: ['Sam', 'Slacker'], sid: ['Sid', 'Slacker'], sue: ['Sue', 'Slacker'] };
        for (const [key, [firstName, lastName]] of Object.entries(names) as [keyof typeof owners, string[]][]) {
          owners[key] = sandbox.state.createOwner(PORTAL, { email: `${key}@example.com`, firstName: firstName!, lastName: lastName! }).id;
        }
      },
    });
    await harness.publish(PORTAL, settings(), 1);
  });
  afterAll(() => harness.stop());

  const call = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    signedCall(harness.service.url, method, path, body, { portalId: PORTAL, userId: 77, secret: harness.sandbox.app.clientSecret, timestamp: clock });
  const props = (contactId: number) => harness.sandbox.state.properties(PORTAL, 'contacts', String(contactId))!;
  const event = (fields: Omit<WebhookEvent, 'eventId' | 'subscriptionId' | 'portalId' | 'appId' | 'occurredAt' | 'attemptNumber'>): WebhookEvent => ({
    eventId: ++eventId,
    subscriptionId: 1,
    portalId: PORTAL,
    appId: harness.sandbox.app.appId,
    occurredAt: clock,
    attemptNumber: 0,
    ...fields,
  });
  /** HubSpot posts the events (signed at the service's time), then the worker drains the inbox and the outbox is flushed. */
  const deliver = async (events: WebhookEvent[]) => {
    const report = await sendWebhooks({
      targetUrl: `${harness.service.url}/webhooks/hubspot`,
      clientSecret: harness.sandbox.app.clientSecret,
      events,
      retry: { attempts: 3, baseDelayMs: 10 },
      now: () => clock,
    });
    expect(report.failed).toBe(0);
    await harness.service.workers[0]!.drain();
    await harness.service.writer.flushAll();
  };
  /** A rep logs a call on the contact in HubSpot: the call, its association and the webhook HubSpot sends. */
  const logCall = (contactId: number, ownerId: string): WebhookEvent => {
    const record = harness.sandbox.state.createRecord(
      PORTAL,
      'calls',
      { hs_timestamp: String(clock), hubspot_owner_id: ownerId, hs_call_title: 'Intro call', hs_call_direction: 'OUTBOUND', hs_call_status: 'COMPLETED' },
      { createdAt: clock, associations: [{ type: 'contacts', id: String(contactId) }] },
    );
    const userId = harness.sandbox.state.portal(PORTAL).owners.get(ownerId)!.userId;
    return event({ subscriptionType: 'object.creation', objectId: Number(record.id), objectTypeId: '0-48', changeFlag: 'CREATED', changeSource: 'CRM_UI', sourceId: `userId:${userId}` });
  };

  /** The scheduled jobs at `time`: SLA sweep, hold queue, task sender; then the property outbox is flushed. */
  const runJobs = async (time: number) => {
    clock = time;
    const { db, gateway, installations, settings: store } = harness.service;
    const run = async (job: JobDefinition) => {
      const outcome = await runJobOnce(job, db, new Date(clock));
      expect(outcome.acquired).toBe(true);
      return outcome.acquired ? (outcome.value as Record<string, number>) : {};
    };
    const sweep = await run(slaSweepJob({ db, gateway, installations, settings: store, logger: silentLogger }));
    const hold = await run(holdQueueJob({ db, gateway, installations, settings: store, logger: silentLogger }));
    const send = await run(sendTasksJob({ db, gateway, logger: silentLogger }));
    await harness.service.writer.flushAll();
    return { sweep, hold, send };
  };

  const tasksOn = (contactId: number, subjectStart: string) =>
    [...(harness.sandbox.state.portal(PORTAL).objects.get('tasks')?.values() ?? [])]
      .filter((task) => task.properties.hs_task_subject?.startsWith(subjectStart))
      .filter((task) => harness.sandbox.state.associationsOf(PORTAL, { type: 'tasks', id: task.id }, 'contacts').has(String(contactId)))
      .map((task) => task.properties);
  const clocksOf = (contactId: number) =>
    harness.service.db.query<{ owner_id: string; state: string; clock: { breachedAt?: number; firstTouchAt?: number; dueAt: number } }>(
      'SELECT owner_id, state, clock FROM sla_clocks WHERE portal_id = $1 AND contact_id = $2 ORDER BY id',
      [PORTAL, contactId],
    );
  const slackers = () => [owners.sam, owners.sid, owners.sue];
  const slackerLeads = () => leads.filter((lead) => slackers().includes(lead.firstOwner));
  const leadsOf = (pool: PoolId, firstOwner: string) => leads.filter((lead) => lead.pool === pool && lead.firstOwner === firstOwner);

  it('routes each accepted lead by its country to its pool, round robin, with a clock of 4 business hours', async () => {
    const created: { contactId: number; pool: PoolId }[] = [];
    for (const pool of Object.keys(LEADS_PER_POOL) as PoolId[]) {
      for (let n = 1; n <= LEADS_PER_POOL[pool]; n += 1) {
        const record = harness.sandbox.state.createRecord(PORTAL, 'contacts', { email: `${pool}${n}@example.com`, firstname: `Lead ${n}`, country: COUNTRY[pool] }, { createdAt: clock });
        created.push({ contactId: Number(record.id), pool });
      }
    }
    await deliver(created.map(({ contactId }) => event({ subscriptionType: 'contact.creation', objectId: contactId, changeFlag: 'CREATED', changeSource: 'CRM_UI' })));

    for (const { contactId, pool } of created) {
      expect((await call('POST', '/api/cards/lead-score/decision', { contactId, kind: 'accept' })).status).toBe(200);
      await harness.service.writer.flushAll();
      expect(props(contactId)).toMatchObject({ lm_status: 'sql', lm_routing_pool: pool, lm_sla_state: 'on_track', lm_sla_due_at: new Date(newYork('mon', '14:00')).toISOString() });
      leads.push({ contactId, pool, firstOwner: props(contactId).hubspot_owner_id! });
    }
    expect(leadsOf('reassign', owners.sam)).toHaveLength(2);
    expect(leadsOf('reassign', owners.dana)).toHaveLength(2);
    expect(leadsOf('escalate', owners.sid)).toHaveLength(2);
    expect(leadsOf('escalate', owners.dev)).toHaveLength(2);
    expect(leadsOf('recycle', owners.sue)).toHaveLength(3);
  });

  it('meets the SLA of the leads the diligent reps call; the slackers get one reminder per lead half way, however often the sweep runs', async () => {
    clock = newYork('mon', '11:00');
    await deliver(leads.filter((lead) => !slackers().includes(lead.firstOwner)).map((lead) => logCall(lead.contactId, lead.firstOwner)));
    // The calls meet the clocks as they arrive: the sweep has nothing to do before the reminders are due.
    expect(await runJobs(clock)).toEqual({
      sweep: { advanced: 0, reminded: 0, breached: 0, met: 0, failedPortals: 0, tasksSent: 0 },
      hold: { assigned: 0, stillHeld: 0, released: 0, failedPortals: 0, tasksSent: 0 },
      send: { sent: 0, failed: 0 },
    });
    for (const lead of leads.filter((l) => !slackers().includes(l.firstOwner))) expect(props(lead.contactId).lm_sla_state).toBe('met');

    expect((await runJobs(newYork('mon', '11:59'))).sweep).toMatchObject({ reminded: 0 });
    expect((await runJobs(newYork('mon', '12:30'))).sweep).toEqual({ advanced: 7, reminded: 7, breached: 0, met: 0, failedPortals: 0, tasksSent: 7 });
    expect((await runJobs(newYork('mon', '12:31'))).sweep).toEqual({ advanced: 0, reminded: 0, breached: 0, met: 0, failedPortals: 0, tasksSent: 0 });
    for (const lead of slackerLeads()) {
      expect(props(lead.contactId).lm_sla_state).toBe('at_risk');
      expect(tasksOn(lead.contactId, 'Reminder')).toEqual([
        expect.objectContaining({ hubspot_owner_id: lead.firstOwner, hs_timestamp: new Date(newYork('mon', '14:00')).toISOString() }),
      ]);
    }
    for (const lead of leads.filter((l) => !slackers().includes(l.firstOwner))) expect(tasksOn(lead.contactId, 'Reminder')).toEqual([]);
  });

  it('on breach reassigns, escalates or recycles per pool policy, once, however often the sweep runs', async () => {
    expect((await runJobs(newYork('mon', '14:30'))).sweep).toEqual({ advanced: 7, reminded: 0, breached: 7, met: 0, failedPortals: 0, tasksSent: 2 });
    // The two reassigned leads have new clocks, which the next sweeps advance.
    expect((await runJobs(newYork('mon', '14:31'))).sweep).toEqual({ advanced: 0, reminded: 0, breached: 0, met: 0, failedPortals: 0, tasksSent: 0 });
    const breachedAt = newYork('mon', '14:00');

    for (const lead of leadsOf('reassign', owners.sam)) {
      // 14:30–17:00 on Monday and 09:00–10:30 on Tuesday: four business hours in New York.
      expect(props(lead.contactId)).toMatchObject({
        lm_status: 'sql',
        hubspot_owner_id: owners.dana,
        lm_routing_pool: 'reassign',
        lm_sla_state: 'on_track',
        lm_sla_due_at: new Date(newYork('tue', '10:30')).toISOString(),
      });
      expect((await clocksOf(lead.contactId)).map((c) => [c.owner_id, c.state, c.clock.breachedAt])).toEqual([
        [owners.sam, 'reassigned', breachedAt],
        [owners.dana, 'on_track', undefined],
      ]);
    }
    for (const lead of leadsOf('escalate', owners.sid)) {
      expect(props(lead.contactId)).toMatchObject({ lm_status: 'sql', hubspot_owner_id: owners.sid, lm_sla_state: 'breached' });
      expect(tasksOn(lead.contactId, 'Escalation')).toEqual([expect.objectContaining({ hubspot_owner_id: owners.manager, hs_task_body: expect.stringMatching(/^Sid Slacker did not touch this lead by Mon \d+ \w+ \d{4}, 14:00 \(America\/New_York\)/) })]);
      expect((await clocksOf(lead.contactId)).map((c) => [c.owner_id, c.state, c.clock.breachedAt])).toEqual([[owners.sid, 'breached', breachedAt]]);
    }
    for (const lead of leadsOf('recycle', owners.sue)) {
      expect(props(lead.contactId)).toMatchObject({ lm_status: 'recycled', hubspot_owner_id: '', lm_sla_state: 'recycled', lm_routing_pool: '' });
      expect((await clocksOf(lead.contactId)).map((c) => [c.owner_id, c.state, c.clock.breachedAt])).toEqual([[owners.sue, 'recycled', breachedAt]]);
    }
    const escalations = [...(harness.sandbox.state.portal(PORTAL).objects.get('tasks')?.values() ?? [])].filter((t) => t.properties.hs_task_subject?.startsWith('Escalation'));
    expect(escalations).toHaveLength(2);
    for (const lead of slackerLeads()) expect(tasksOn(lead.contactId, 'Reminder')).toHaveLength(1);
  });

  it('runs the new owner\u2019s clock in business hours: a call that afternoon meets it, and so does one the next morning', async () => {
    const [early, late] = leadsOf('reassign', owners.sam);
    clock = newYork('mon', '15:00');
    await deliver([logCall(early!.contactId, owners.dana)]);
    expect((await runJobs(newYork('mon', '15:05'))).sweep).toEqual({ advanced: 0, reminded: 0, breached: 0, met: 0, failedPortals: 0, tasksSent: 0 }); // met as the call arrived
    expect(props(early!.contactId)).toMatchObject({ hubspot_owner_id: owners.dana, lm_sla_state: 'met' });

    // Past four wall-clock hours since the reassignment but not four business hours: reminded, not breached.
    expect((await runJobs(newYork('mon', '19:00'))).sweep).toEqual({ advanced: 1, reminded: 1, breached: 0, met: 0, failedPortals: 0, tasksSent: 1 });
    expect((await runJobs(newYork('mon', '19:01'))).sweep).toMatchObject({ reminded: 0, breached: 0 });
    expect(props(late!.contactId)).toMatchObject({ hubspot_owner_id: owners.dana, lm_sla_state: 'at_risk' });
    expect(tasksOn(late!.contactId, 'Reminder').map((t) => t.hubspot_owner_id)).toEqual([owners.sam, owners.dana]);

    clock = newYork('tue', '09:30');
    await deliver([logCall(late!.contactId, owners.dana)]);
    expect((await runJobs(newYork('tue', '09:45'))).sweep).toEqual({ advanced: 0, reminded: 0, breached: 0, met: 0, failedPortals: 0, tasksSent: 0 }); // met as the call arrived
    expect((await runJobs(newYork('tue', '11:00'))).sweep).toEqual({ advanced: 0, reminded: 0, breached: 0, met: 0, failedPortals: 0, tasksSent: 0 });
    for (const lead of [early!, late!]) {
      expect(props(lead.contactId)).toMatchObject({ hubspot_owner_id: owners.dana, lm_sla_state: 'met' });
      expect((await clocksOf(lead.contactId)).map((c) => c.state)).toEqual(['reassigned', 'met']);
    }

    // Nothing was sent twice over all the sweeps: one reminder per slacker lead, one escalation per escalated lead.
    for (const lead of slackerLeads()) {
      expect(tasksOn(lead.contactId, 'Reminder').filter((t) => t.hubspot_owner_id === lead.firstOwner)).toHaveLength(1);
      expect(tasksOn(lead.contactId, 'Escalation')).toHaveLength(lead.pool === 'escalate' ? 1 : 0);
    }
    for (const lead of leads.filter((l) => l.firstOwner === owners.dana || l.firstOwner === owners.dev)) {
      expect(props(lead.contactId)).toMatchObject({ hubspot_owner_id: lead.firstOwner, lm_sla_state: 'met' });
    }
  });

  it('reports the breaches per slacker and the leads met per diligent rep, by pool', async () => {
    const { status, json } = await call('GET', '/api/reports/routing?days=30');
    expect(status).toBe(200);
    const row = (ownerName: string, poolId: PoolId, met: number, breached: number) => expect.objectContaining({ ownerName, poolId, met, breached, open: 0, reassigned: 0 });
    expect(json.sla).toHaveLength(5);
    expect(json.sla).toEqual(
      expect.arrayContaining([
        row('Sam Slacker', 'reassign', 0, 2),
        row('Dana Diligent', 'reassign', 4, 0),
        row('Sid Slacker', 'escalate', 0, 2),
        row('Dev Diligent', 'escalate', 2, 0),
        row('Sue Slacker', 'recycle', 0, 3),
      ]),
    );
    expect(json.totals).toEqual({ met: 6, breached: 7, open: 0, reassigned: 0, metRate: 0.462 });
    // First touches after 1 h (four leads), 0.5 h and 19 h (the reassigned leads, the second one overnight).
    expect(json.medianHoursToFirstTouch).toBe(1);
    expect(json.distribution).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ poolId: 'reassign', ownerId: owners.sam, assigned: 2 }),
        expect.objectContaining({ poolId: 'reassign', ownerId: owners.dana, assigned: 4 }),
      ]),
    );
  });

  it('shows a reassigned lead\u2019s story on the routing card: assigned, reminded, breached, assigned again, touched', async () => {
    const [lead] = leadsOf('reassign', owners.sam);
    const response = await call('GET', `/api/cards/routing?contactId=${lead!.contactId}`);
    expect(response.status).toBe(200);
    const { routing } = routingCardResponse.parse(response.json);
    expect(routing).toMatchObject({
      status: 'sql',
      owner: { ownerId: owners.dana, name: 'Dana Diligent' },
      assignment: { kind: 'assigned', poolId: 'reassign', poolLabel: 'Americas' },
      sla: { state: 'met', policyId: 'reassign_4h', firstTouchAt: new Date(newYork('mon', '15:00')).toISOString(), breachedAt: null, timeZone: 'America/New_York' },
    });
    const iso = (time: string) => new Date(newYork('mon', time)).toISOString();
    expect(routing.history.map(({ kind, at, ownerName }) => [kind, at, ownerName])).toEqual([
      ['touch', iso('15:00'), 'Dana Diligent'],
      ['assigned', iso('14:30'), 'Dana Diligent'],
      ['breached', iso('14:00'), 'Sam Slacker'],
      ['reminded', iso('12:30'), 'Sam Slacker'],
      ['assigned', iso('10:00'), 'Sam Slacker'],
    ]);
  });
});
