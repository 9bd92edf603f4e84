import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema, type PortalSettings } from '../../src/domain/portal-settings';
import { routingCardResponse } from '../../src/api/routing-card-responses';
import { installThroughOAuth } from '../../src/sandbox-mode';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { signedCall } from '../support/signed-fetch';
import { formSubmission } from '../support/form-submission';

const PORTAL = 16_001;
const OTHER_PORTAL = 16_002;
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const ALWAYS = { timeZone: 'America/New_York', workingHours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, holidays: {} };

describe.each(testDatabases)('routing & SLA card API on $name', (database) => {
  let harness: PipelineHarness;
  const owners: Record<'manager' | 'ann' | 'bob' | 'cat' | 'gone', string> = { manager: '', ann: '', bob: '', cat: '', gone: '' };

  const settings = (): PortalSettings =>
    portalSettingsSchema.parse({
      ...DEFAULT_PORTAL_SETTINGS,
      routing: {
        useCompanyOwner: true,
        rules: [{ id: 'biotech', label: 'Biotech', when: [{ subject: 'property', property: 'industry', test: { op: 'eq', value: 'Biotech' } }], poolId: 'inbound', priority: 'high' }],
        defaultPool: 'inbound',
        pools: [
          { id: 'inbound', label: 'Inbound', strategy: 'round_robin', managerOwnerId: owners.manager, members: [owners.ann, owners.bob].map((ownerId) => ({ ownerId, weight: 1, caps: {} })) },
        ],
        reps: Object.fromEntries([owners.ann, owners.bob, owners.cat].map((id) => [id, { calendar: ALWAYS }])),
      },
      sla: {
        policies: [
          { id: 'fast', label: 'High priority: 1 business hour', appliesTo: { priority: 'high' }, firstTouchWithinHours: 1, reminderAtFraction: 0.5, onBreach: 'escalate', clearOwnerOnRecycle: false },
          { id: 'inbound', label: 'Inbound: 4 business hours', appliesTo: {}, firstTouchWithinHours: 4, reminderAtFraction: 0.5, onBreach: 'reassign', clearOwnerOnRecycle: true },
        ],
        defaultCalendar: ALWAYS,
      },
    });

  beforeAll(async () => {
    harness = await startPipelineHarness(database, {
      sandbox: { portals: [{ portalId: PORTAL }, { portalId: OTHER_PORTAL }] },
      // Owners exist before the install, which syncs them from the owners API.
      arrange: (sandbox) => {
        for (const [key, name] of [['manager', 'Mia'], ['ann', 'Ann'], ['bob', 'Bob'], ['cat', 'Cat'], ['gone', 'Gus']] as const) {
          owners[key] = sandbox.state.createOwner(PORTAL, { email: `${key}@example.com`, firstName: name, lastName: 'Rep' }).id;
        }
        sandbox.state.archiveOwner(PORTAL, owners.gone);
      },
    });
    await harness.publish(PORTAL, settings(), 1);
    harness.sandbox.setInstallingPortal(OTHER_PORTAL);
    await installThroughOAuth(harness.service.url);
  });
  afterAll(() => harness.stop());

  const call = (method: 'GET' | 'POST', path: string, body?: unknown, portalId = PORTAL, userId = 77) =>
    signedCall(harness.service.url, method, path, body, { portalId, userId, secret: harness.sandbox.app.clientSecret });
  const view = async (contactId: number) => {
    const response = await call('GET', `/api/cards/routing?contactId=${contactId}`);
    expect(response.status).toBe(200);
    return routingCardResponse.parse(response.json).routing;
  };
  const act = (body: Record<string, unknown>) => call('POST', '/api/cards/routing/action', body);
  const props = (contactId: number) => harness.sandbox.state.properties(PORTAL, 'contacts', String(contactId))!;

  /** A scored contact at Cat's company, accepted by a rep on the score card: sales-ready, routed to its company's owner. */
  const salesReadyLead = async (email: string, industry = 'Internet'): Promise<number> => {
    const { state } = harness.sandbox;
    const contactId = Number(state.createRecord(PORTAL, 'contacts', { email, industry }).id);
    const company = state.createRecord(PORTAL, 'companies', { name: `${email} Inc`, hubspot_owner_id: owners.cat });
    state.associate(PORTAL, { type: 'contacts', id: String(contactId) }, { type: 'companies', id: company.id });
    const event = formSubmission({ portalId: PORTAL, appId: harness.sandbox.app.appId, contactId, eventId: contactId });
    await harness.deliver([event]);
    expect((await call('POST', '/api/cards/lead-score/decision', { contactId, kind: 'accept' })).status).toBe(200);
    await harness.service.writer.flushAll();
    return contactId;
  };

  it('shows the company owner chosen for an accepted lead, the running clock, names from the owners API and the choices', async () => {
    const contactId = await salesReadyLead('first@example.com');
    const routing = await view(contactId);
    expect(routing).toMatchObject({
      status: 'sql',
      routingConfigured: true,
      owner: { ownerId: owners.cat, name: 'Cat Rep' },
      assignment: { kind: 'assigned', ruleId: 'company_owner', poolId: null, ruleLabel: null },
      sla: { state: 'on_track', policyId: 'inbound', policyLabel: 'Inbound: 4 business hours', timeZone: 'America/New_York', ticking: true, firstTouchAt: null },
    });
    expect(routing.sla!.remainingBusinessMinutes).toBeGreaterThan(239);
    expect(routing.sla!.remainingBusinessMinutes).toBeLessThanOrEqual(240);
    expect(routing.choices.pools).toEqual([{ id: 'inbound', label: 'Inbound' }]);
    // Deactivated owners are not offered.
    expect(routing.choices.owners.map((o) => o.name).sort()).toEqual(['Ann Rep', 'Bob Rep', 'Cat Rep', 'Mia Rep']);
    // The wait for the company owner shows in the history, then the assignment.
    expect(routing.history.map((h) => h.kind)).toEqual(['assigned', 'held']);
    expect(props(contactId)).toMatchObject({ hubspot_owner_id: owners.cat, lm_sla_state: 'on_track' });
  });

  it("gives a lead its rule's priority, which picks the SLA policy, even when its company owner takes it", async () => {
    const contactId = await salesReadyLead('vip@example.com', 'Biotech');
    expect(await view(contactId)).toMatchObject({ owner: { ownerId: owners.cat }, assignment: { ruleId: 'company_owner', priority: 'high' }, sla: { policyId: 'fast' } });
    // A manual reassignment keeps the lead's priority.
    expect((await act({ contactId, kind: 'reassign', to: { ownerId: owners.ann } })).json.routing).toMatchObject({ owner: { ownerId: owners.ann }, sla: { policyId: 'fast' } });
  });

  it('reassigns to a person, then to a pool (never the current owner), marks touched, and recycles with the owner cleared', async () => {
    const contactId = await salesReadyLead('second@example.com');

    const toBob = await act({ contactId, kind: 'reassign', to: { ownerId: owners.bob }, reason: 'Speaks German' });
    expect(toBob.status).toBe(200);
    expect(toBob.json.routing).toMatchObject({ owner: { ownerId: owners.bob }, assignment: { ruleId: 'manual', reason: 'Reassigned by user:77: Speaks German.' }, sla: { state: 'on_track' } });
    expect((await act({ contactId, kind: 'reassign', to: { ownerId: owners.bob } })).status).toBe(409);
    expect((await act({ contactId, kind: 'reassign', to: { ownerId: owners.gone } })).json).toEqual({ error: `Owner ${owners.gone} is deactivated in HubSpot` });
    expect((await act({ contactId, kind: 'reassign', to: { poolId: 'nowhere' } })).status).toBe(400);

    const toPool = await act({ contactId, kind: 'reassign', to: { poolId: 'inbound' } });
    expect(toPool.json.routing).toMatchObject({ owner: { ownerId: owners.ann }, assignment: { ruleId: 'manual', poolId: 'inbound', reason: expect.stringMatching(/^Reassigned to pool "Inbound" by user:77\./) } });
    await harness.service.writer.flushAll();
    expect(props(contactId)).toMatchObject({ hubspot_owner_id: owners.ann, lm_routing_pool: 'inbound', lm_sla_state: 'on_track' });

    const clocks = await harness.service.db.query<{ owner_id: string; state: string }>('SELECT owner_id, state FROM sla_clocks WHERE portal_id = $1 AND contact_id = $2 ORDER BY id', [PORTAL, contactId]);
    expect(clocks).toEqual([
      { owner_id: owners.cat, state: 'reassigned' },
      { owner_id: owners.bob, state: 'reassigned' },
      { owner_id: owners.ann, state: 'on_track' },
    ]);

    const touched = await act({ contactId, kind: 'touched', note: 'Left a voicemail' });
    expect(touched.json.routing).toMatchObject({ sla: { state: 'met', firstTouchAt: expect.any(String), ticking: false } });
    expect(touched.json.routing.history[0]).toMatchObject({ kind: 'touch', ownerId: owners.ann, ownerName: 'Ann Rep', detail: 'Marked touched on the card' });
    expect((await act({ contactId, kind: 'touched' })).json).toEqual({ error: 'Nothing to mark: the lead has no owner with a first-touch clock waiting for a touch' });

    expect((await act({ contactId, kind: 'recycle', reason: '' })).status).toBe(400);
    const recycled = await act({ contactId, kind: 'recycle', reason: 'Not a buyer yet' });
    expect(recycled.json.routing).toMatchObject({ status: 'recycled', owner: null, assignment: { kind: 'released', reason: 'Recycled to marketing by user:77: Not a buyer yet' }, sla: { state: 'met' } });
    await harness.service.writer.flushAll();
    expect(props(contactId)).toMatchObject({ lm_status: 'recycled', hubspot_owner_id: '' });
    expect((await act({ contactId, kind: 'reassign', to: { poolId: 'inbound' } })).json).toEqual({ error: 'Only sales-ready leads are routed; this lead is recycled' });

    const audit = await harness.service.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE portal_id = $1 AND action LIKE 'routing.%' AND detail->>'contactId' = $2 ORDER BY id`, [PORTAL, String(contactId)]);
    expect(audit.map((a) => a.action)).toEqual(['routing.reassign', 'routing.reassign', 'routing.touched', 'routing.recycle']);
  });

  it('lets a rep switch themselves away on the card: no new leads for them until they switch back', async () => {
    const userOf = (ownerId: string) => harness.sandbox.state.portal(PORTAL).owners.get(ownerId)!.userId!;
    const asAnn = (body: Record<string, unknown>) => call('POST', '/api/cards/routing/action', body, PORTAL, userOf(owners.ann));
    const first = await salesReadyLead('away-1@example.com');
    const second = await salesReadyLead('away-2@example.com');

    const ann = await call('GET', `/api/cards/routing?contactId=${first}`, undefined, PORTAL, userOf(owners.ann));
    expect(ann.json.routing.me).toEqual({ ownerId: owners.ann, name: 'Ann Rep', away: false });
    expect((await view(first)).me).toBeNull(); // user 77 is no owner here
    expect((await act({ contactId: first, kind: 'away', away: true })).json).toEqual({ error: 'Your HubSpot user is not an owner in this portal, so it gets no leads to pause' });

    expect((await asAnn({ contactId: first, kind: 'away', away: true })).json.routing.me).toEqual({ ownerId: owners.ann, name: 'Ann Rep', away: true });
    for (const contactId of [first, second]) {
      const moved = await act({ contactId, kind: 'reassign', to: { poolId: 'inbound' } });
      expect(moved.json.routing.owner).toEqual({ ownerId: owners.bob, name: 'Bob Rep' });
      expect(moved.json.routing.assignment.reason).toMatch(new RegExp(`Skipped ${owners.ann}: switched themselves away`));
    }
    expect((await asAnn({ contactId: first, kind: 'away', away: false })).json.routing.me.away).toBe(false);
    expect((await act({ contactId: first, kind: 'reassign', to: { poolId: 'inbound' } })).json.routing.owner.ownerId).toBe(owners.ann);
  });

  it('answers 404 for a contact it has never seen, and for another portal\u2019s contact', async () => {
    const contactId = await salesReadyLead('third@example.com');
    expect((await call('GET', '/api/cards/routing?contactId=999999')).status).toBe(404);
    expect((await call('GET', `/api/cards/routing?contactId=${contactId}`, undefined, OTHER_PORTAL)).status).toBe(404);
    expect((await call('POST', '/api/cards/routing/action', { contactId, kind: 'touched' }, OTHER_PORTAL)).status).toBe(404);
    expect((await call('GET', '/api/cards/routing')).status).toBe(400);
  });

  it.each([
    ['reassign', { kind: 'reassign', to: { poolId: 'inbound' } }],
    ['touched', { kind: 'touched', note: 'called' }],
    ['recycle', { kind: 'recycle', reason: 'not ready' }],
    ['away', { kind: 'away', away: true }],
  ])('answers 404 to %s on a contact the portal has no lead for, with a sentence, and writes nothing', async (_kind, action) => {
    const unknown = 987_654_321;
    const written = async () =>
      (
        await harness.service.db.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM contacts WHERE portal_id = $1 AND contact_id = $2)
                + (SELECT count(*) FROM assignments WHERE portal_id = $1 AND contact_id = $2)
                + (SELECT count(*) FROM sla_touches WHERE portal_id = $1 AND contact_id = $2)
                + (SELECT count(*) FROM outbox WHERE portal_id = $1 AND contact_id = $2)
                + (SELECT count(*) FROM audit_log WHERE portal_id = $1) + (SELECT count(*) FROM rep_presence WHERE portal_id = $1)
                + (SELECT count(*) FROM task_outbox WHERE portal_id = $1) AS n`,
          [PORTAL, unknown],
        )
      )[0]!.n;
    const before = await written();
    const { status, json } = await call('POST', '/api/cards/routing/action', { contactId: unknown, ...action });
    expect(status).toBe(404);
    expect(json).toEqual({ error: 'not_scored', message: expect.stringMatching(/^The lead manager has no lead for contact 987654321 in this portal yet/) });
    expect(await written()).toBe(before);
  });
});
