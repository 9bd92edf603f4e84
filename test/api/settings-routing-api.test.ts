import { DEFAULT_PORTAL_SETTINGS, type PortalSettings } from '../../src/domain/portal-settings';
import { installThroughOAuth } from '../../src/sandbox-mode';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { signedCall } from '../support/signed-fetch';

const PORTAL = 15_001;
const OTHER_PORTAL = 15_002;
const HOUR = 3_600_000;
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const ALWAYS = { timeZone: 'UTC', workingHours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, holidays: {} };
const rep = (away = false) => ({ calendar: ALWAYS, outOfOffice: [], away });

/** German leads go to the DACH pool (owner 103); everyone else to the inbound round robin (101, 102). */
const draft = (routing: Record<string, unknown> = {}): PortalSettings =>
  ({
    ...DEFAULT_PORTAL_SETTINGS,
    routing: {
      useCompanyOwner: true,
      rules: [{ id: 'dach', label: 'DACH', when: [{ subject: 'property', property: 'country', test: { op: 'in', values: ['Germany', 'Austria'] } }], poolId: 'dach' }],
      defaultPool: 'inbound',
      pools: [
        { id: 'inbound', label: 'Inbound', strategy: 'round_robin', managerOwnerId: '100', members: [{ ownerId: '101', weight: 1, caps: {} }, { ownerId: '102', weight: 1, caps: {} }] },
        { id: 'dach', label: 'DACH', strategy: 'weighted', managerOwnerId: '100', members: [{ ownerId: '103', weight: 2, caps: { perDay: 5 } }] },
      ],
      reps: { '101': rep(), '102': rep(), '103': rep() },
      ...routing,
    },
  }) as PortalSettings;

describe.each(testDatabases)('settings API for routing: owners and routing preview (signed hubspot.fetch) on $name', (database) => {
  let harness: PipelineHarness;
  const clock = Date.now();

  beforeAll(async () => {
    // The signed calls' user (signedCall's default, 4242) installs the app, so may publish.
    harness = await startPipelineHarness(database, { sandbox: { portals: [{ portalId: PORTAL, user: { id: 4242, email: 'admin@example.com' } }, { portalId: OTHER_PORTAL }] } });
    harness.sandbox.setInstallingPortal(OTHER_PORTAL);
    await installThroughOAuth(harness.service.url);
  });
  afterAll(() => harness.stop());
  afterEach(async () => {
    for (const table of ['owners', 'contacts', 'status_transitions', 'assignments']) await harness.service.db.query(`DELETE FROM ${table}`);
  });

  const call = (method: 'GET' | 'POST', path: string, body?: unknown, portalId = PORTAL) =>
    signedCall(harness.service.url, method, path, body, { portalId, secret: harness.sandbox.app.clientSecret, timestamp: clock });

  const insertOwner = (portalId: number, ownerId: string, first: string | null, last: string | null, email: string | null, archived = false) =>
    harness.service.db.query(
      `INSERT INTO owners (portal_id, owner_id, email, first_name, last_name, archived, synced_at) VALUES ($1, $2, $3, $4, $5, $6, now())`,
      [portalId, ownerId, email, first, last, archived],
    );

  /** A contact whose status went through `statuses` (an hour apart, ending `hoursAgo` ago), optionally routed. */
  const seedLead = async (
    portalId: number,
    contactId: number,
    { country, statuses = ['sql'], hoursAgo, actual }: { country: string; statuses?: string[]; hoursAgo: number; actual?: { kind: string; ownerId: string | null; poolId: string | null } },
  ) => {
    const { db } = harness.service;
    await db.query(
      `INSERT INTO contacts (portal_id, contact_id, facts, status, score, fit_score, engagement_score, grade) VALUES ($1, $2, $3, $4, 120, 40, 80, 'A')`,
      [portalId, contactId, JSON.stringify({ country }), statuses.at(-1)],
    );
    for (const [i, status] of statuses.entries()) {
      await db.query(`INSERT INTO status_transitions (portal_id, contact_id, from_status, to_status, at, reason) VALUES ($1, $2, $3, $4, $5, 'test')`, [
        portalId,
        contactId,
        statuses[i - 1] ?? 'new',
        status,
        new Date(clock - (hoursAgo + statuses.length - 1 - i) * HOUR),
      ]);
    }
    if (actual) {
      await db.query(`INSERT INTO assignments (portal_id, contact_id, kind, owner_id, pool_id, rule_id, reason, decided_at) VALUES ($1, $2, $3, $4, $5, 'default', 'test', $6)`, [
        portalId,
        contactId,
        actual.kind,
        actual.ownerId,
        actual.poolId,
        new Date(clock - hoursAgo * HOUR),
      ]);
    }
  };

  /** Newest first: 1 (Germany, went to 103), 2 (France, held), 3 (US, never routed); 4 was recycled and 5 is only an MQL. */
  const seedLeads = async () => {
    await seedLead(PORTAL, 1, { country: 'Germany', hoursAgo: 1, actual: { kind: 'assigned', ownerId: '103', poolId: 'dach' } });
    await seedLead(PORTAL, 2, { country: 'France', hoursAgo: 2, actual: { kind: 'held', ownerId: null, poolId: 'inbound' } });
    await seedLead(PORTAL, 3, { country: 'United States', statuses: ['mql', 'sql'], hoursAgo: 3 });
    await seedLead(PORTAL, 4, { country: 'France', statuses: ['sql', 'recycled'], hoursAgo: 0, actual: { kind: 'assigned', ownerId: '101', poolId: 'inbound' } });
    await seedLead(PORTAL, 5, { country: 'France', statuses: ['mql'], hoursAgo: 0 });
    await insertOwner(PORTAL, '101', 'Ada', 'Lovelace', 'ada@example.com');
    await insertOwner(PORTAL, '103', 'Grace', 'Hopper', 'grace@example.com');
  };

  it('lists the caller’s owners with their HubSpot users, active ones first by name, archived last', async () => {
    await insertOwner(PORTAL, '201', 'Zoe', 'Young', 'zoe@example.com');
    await harness.service.db.query(`UPDATE owners SET user_id = 9201 WHERE portal_id = $1 AND owner_id = '201'`, [PORTAL]);
    await insertOwner(PORTAL, '202', null, null, 'ben@example.com');
    await insertOwner(PORTAL, '203', 'Al', 'Archived', null, true);
    await insertOwner(PORTAL, '204', null, null, null);
    await insertOwner(OTHER_PORTAL, '299', 'Other', 'Portal', 'other@example.com');

    const { status, json } = await call('GET', '/api/settings/owners');

    expect(status).toBe(200);
    expect(json).toEqual({
      owners: [
        { ownerId: '202', userId: null, name: 'ben@example.com', email: 'ben@example.com', archived: false },
        { ownerId: '204', userId: null, name: 'Owner 204', email: null, archived: false },
        { ownerId: '201', userId: 9201, name: 'Zoe Young', email: 'zoe@example.com', archived: false },
        { ownerId: '203', userId: null, name: 'Al Archived', email: null, archived: true },
      ],
    });
    expect((await call('GET', '/api/settings/owners', undefined, OTHER_PORTAL)).json.owners.map((o: { ownerId: string }) => o.ownerId)).toEqual(['299']);
  });

  it('previews the latest sales-ready leads under the draft beside where they went, with counts per owner', async () => {
    await seedLeads();

    const { status, json } = await call('POST', '/api/settings/preview-routing', { draft: draft() });

    expect(status).toBe(200);
    expect(Date.parse(json.evaluatedAt)).toBeGreaterThanOrEqual(clock);
    expect(json.leads.map((lead: { contactId: number }) => lead.contactId)).toEqual([1, 2, 3]);
    expect(json.leads[0]).toEqual({
      contactId: 1,
      salesReadyAt: new Date(clock - HOUR).toISOString(),
      actual: { kind: 'assigned', ownerId: '103', poolId: 'dach' },
      preview: { kind: 'assigned', ownerId: '103', poolId: 'dach', ruleId: 'dach', reason: expect.stringContaining('Rule "DACH" matched') },
    });
    expect(json.leads[1].actual).toEqual({ kind: 'held', ownerId: null, poolId: 'inbound' });
    expect(json.leads[2].actual).toBeNull();
    const inbound = json.leads.slice(1).map((lead: { preview: { ownerId: string; poolId: string; ruleId: string } }) => lead.preview);
    expect(inbound.map((preview: { poolId: string; ruleId: string }) => [preview.poolId, preview.ruleId])).toEqual([
      ['inbound', 'default'],
      ['inbound', 'default'],
    ]);
    expect(inbound.map((preview: { ownerId: string }) => preview.ownerId).sort()).toEqual(['101', '102']);
    expect(json.perOwner).toEqual(
      expect.arrayContaining([
        { ownerId: '103', name: 'Grace Hopper', actual: 1, preview: 1 },
        { ownerId: '101', name: 'Ada Lovelace', actual: 0, preview: 1 },
        { ownerId: '102', name: 'Owner 102', actual: 0, preview: 1 },
      ]),
    );
    expect(json.perOwner).toHaveLength(3);
    expect(json).toMatchObject({ held: 0, changed: 2 });
  });

  it('holds leads nobody in the pool can take, and counts them', async () => {
    await seedLeads();

    const { json } = await call('POST', '/api/settings/preview-routing', { draft: draft({ reps: { '101': rep(true), '102': rep(true), '103': rep() } }) });

    expect(json.leads.map((lead: { preview: { kind: string } }) => lead.preview.kind)).toEqual(['assigned', 'held', 'held']);
    expect(json.leads[1].preview).toMatchObject({ ownerId: null, poolId: 'inbound', reason: expect.stringContaining('Held for manager 100') });
    expect(json).toMatchObject({ held: 2, changed: 1 });
  });

  it('answers 400 with the path of each problem when the draft is invalid or has no routing', async () => {
    const bad = draft();
    bad.routing!.pools[0]!.members[0]!.weight = 0;
    bad.routing!.rules[0]!.poolId = 'nowhere';

    const { status, json } = await call('POST', '/api/settings/preview-routing', { draft: bad });

    expect(status).toBe(400);
    const paths = json.issues.map((issue: { path: (string | number)[] }) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['routing.pools.0.members.0.weight', 'routing.rules.0.poolId']));
    const unrouted = await call('POST', '/api/settings/preview-routing', { draft: DEFAULT_PORTAL_SETTINGS });
    expect(unrouted).toMatchObject({ status: 400, json: { issues: [{ path: ['routing'] }] } });
  });

  it('refuses to validate or publish routing that names owners HubSpot deactivated or does not have, with the paths', async () => {
    for (const [id, first] of [['100', 'Mia'], ['101', 'Ada'], ['102', 'Bob'], ['103', 'Grace']] as const) await insertOwner(PORTAL, id, first, 'Rep', null, id === '102');
    const expected = [
      { path: ['routing', 'pools', 0, 'members', 1, 'ownerId'], message: 'Owner 102 is deactivated in HubSpot' },
    ];
    expect((await call('POST', '/api/settings/validate', { settings: draft() })).json).toEqual({ ok: false, issues: expected, issueCount: 1 });
    const published = await call('POST', '/api/settings/publish', { settings: draft() });
    expect(published).toEqual({ status: 400, json: { error: 'invalid settings', issues: expected, issueCount: 1 } });

    await harness.service.db.query(`DELETE FROM owners WHERE portal_id = $1 AND owner_id = '100'`, [PORTAL]);
    const unknownManager = await call('POST', '/api/settings/validate', { settings: draft() });
    expect(unknownManager.json.issues).toContainEqual({ path: ['routing', 'pools', 1, 'managerOwnerId'], message: 'There is no owner 100 in this portal: nobody would get the hold-queue alerts' });
  });

  it('takes the latest `limit` leads, 50 by default, and refuses a limit outside 1–500', async () => {
    await seedLeads();
    const { db } = harness.service;
    await db.query(`INSERT INTO contacts (portal_id, contact_id, status) SELECT $1, n, 'sql' FROM generate_series(100, 159) AS n`, [PORTAL]);
    await db.query(
      `INSERT INTO status_transitions (portal_id, contact_id, from_status, to_status, at, reason)
       SELECT $1, n, 'mql', 'sql', $2::timestamptz - n * interval '1 day', 'test' FROM generate_series(100, 159) AS n`,
      [PORTAL, new Date(clock)],
    );

    const byDefault = (await call('POST', '/api/settings/preview-routing', { draft: draft() })).json.leads;
    expect(byDefault).toHaveLength(50);
    expect(byDefault.slice(0, 4).map((lead: { contactId: number }) => lead.contactId)).toEqual([1, 2, 3, 100]);
    expect((await call('POST', '/api/settings/preview-routing', { draft: draft(), limit: 2 })).json.leads.map((lead: { contactId: number }) => lead.contactId)).toEqual([1, 2]);
    expect((await call('POST', '/api/settings/preview-routing', { draft: draft(), limit: 500 })).json.leads).toHaveLength(63);
    for (const limit of [0, 501, 2.5]) {
      const { status, json } = await call('POST', '/api/settings/preview-routing', { draft: draft(), limit });
      expect(status).toBe(400);
      expect(json.issues[0].path).toEqual(['limit']);
    }
  });

  it('never shows another portal’s leads, decisions or owners', async () => {
    await seedLeads();
    await seedLead(OTHER_PORTAL, 1, { country: 'Germany', hoursAgo: 0, actual: { kind: 'assigned', ownerId: '101', poolId: 'inbound' } });
    await seedLead(OTHER_PORTAL, 9, { country: 'France', hoursAgo: 0 });
    await insertOwner(OTHER_PORTAL, '102', 'Other', 'Name', null);

    const mine = (await call('POST', '/api/settings/preview-routing', { draft: draft() })).json;
    expect(mine.leads.map((lead: { contactId: number }) => lead.contactId)).toEqual([1, 2, 3]);
    expect(mine.leads[0].actual).toEqual({ kind: 'assigned', ownerId: '103', poolId: 'dach' });
    expect(mine.perOwner.find((owner: { ownerId: string }) => owner.ownerId === '102').name).toBe('Owner 102');

    const theirs = (await call('POST', '/api/settings/preview-routing', { draft: draft() }, OTHER_PORTAL)).json;
    expect(theirs.leads.map((lead: { contactId: number }) => lead.contactId)).toEqual([9, 1]);
    expect(theirs.leads[1].actual).toEqual({ kind: 'assigned', ownerId: '101', poolId: 'inbound' });
  });
});
