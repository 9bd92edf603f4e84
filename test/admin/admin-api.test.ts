import { loadConfig } from '../../src/config';
import { DEFAULT_PORTAL_SETTINGS } from '../../src/domain/portal-settings';
import { callPaths, type WebhookEvent } from '../../src/sandbox';
import { freePort } from '../support/free-port';
import { testDatabases, type TestDatabase } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';

const PORTAL = 4_301;
const UNKNOWN = 4_399;
const TOKEN = 'operator-token-0123456789abcdef-0123456789';

async function startWithAdmin(database: TestDatabase, env: Record<string, string>): Promise<PipelineHarness> {
  const port = await freePort();
  const config = loadConfig({ PORT: String(port), APP_BASE_URL: `http://localhost:${port}`, LOG_LEVEL: 'silent', ...env });
  return startPipelineHarness(database, { sandbox: { portals: [{ portalId: PORTAL }] }, service: { config } });
}

describe.each(testDatabases)('operator API on $name', (database) => {
  let harness: PipelineHarness;
  let nextEventId = 1;

  beforeAll(async () => {
    harness = await startWithAdmin(database, { ADMIN_TOKEN: TOKEN });
  });
  afterAll(() => harness.stop());

  const admin = (path: string, init: RequestInit = {}, token: string | null = TOKEN) =>
    fetch(`${harness.service.url}/admin${path}`, { ...init, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  const json = async (path: string, init: RequestInit = {}) => {
    const response = await admin(path, init);
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const audits = async (action: string) =>
    harness.service.db.query<{ actor: string; detail: Record<string, unknown> }>('SELECT actor, detail FROM audit_log WHERE portal_id = $1 AND action = $2', [PORTAL, action]);

  const emailOpen = (contactId: number): WebhookEvent =>
    ({
      eventId: nextEventId++,
      subscriptionId: 2_100_001,
      portalId: PORTAL,
      appId: harness.sandbox.app.appId,
      occurredAt: Date.now() - nextEventId * 60_000,
      attemptNumber: 0,
      subscriptionType: 'contact.propertyChange',
      objectId: contactId,
      propertyName: 'hs_email_last_open_date',
      propertyValue: String(Date.now()),
      changeSource: 'EMAIL',
    }) as WebhookEvent;
  const newContact = () => Number(harness.sandbox.state.createRecord(PORTAL, 'contacts', { email: `c${nextEventId}@example.com` }).id);
  const ledgerRows = async (contactId: number) =>
    (await harness.service.db.query('SELECT 1 FROM score_ledger WHERE portal_id = $1 AND contact_id = $2', [PORTAL, contactId])).length;
  /** An event HubSpot delivered that the workers gave up on. */
  const deadLetter = async (contactId: number): Promise<number> => {
    await harness.send([emailOpen(contactId)]);
    const [row] = await harness.service.db.query<{ id: number }>(
      `UPDATE inbox SET dead_at = now(), attempts = 8, last_error = 'gave up' WHERE portal_id = $1 AND object_id = $2 RETURNING id`,
      [PORTAL, contactId],
    );
    return row!.id;
  };

  describe('auth', () => {
    it.each([
      ['no token', null],
      ['a wrong token of the same length', TOKEN.replace(/.$/, 'x')],
      ['a short token', 'x'],
    ])('refuses %s with 401, before looking at any portal', async (_what, token) => {
      for (const path of ['/portals', `/portals/${PORTAL}`, `/portals/${UNKNOWN}`]) {
        const response = await admin(path, {}, token);
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Bearer');
        expect(await response.json()).toEqual({ error: 'a valid operator token is required' });
      }
      expect(await audits('admin.status.read')).toEqual([]);
    });

    it('refuses a token sent other than as a bearer token', async () => {
      const response = await fetch(`${harness.service.url}/admin/portals`, { headers: { authorization: `Basic ${TOKEN}` } });
      expect(response.status).toBe(401);
    });
  });

  it('reports a portal: installed, scopes, last webhook, backlogs, HubSpot calls, success rate, backfill and rescore', async () => {
    const contactId = newContact();
    await harness.send([emailOpen(contactId)]);
    let { status, body } = await json(`/portals/${PORTAL}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      portalId: PORTAL,
      installed: true,
      status: 'active',
      inbox: { backlog: 1, deadLetters: 0 },
      outbox: { backlog: 0, tasks: 0 },
      hubspotCalls: { windowSeconds: 10, budget: 110, scope: 'this process' },
      lastRateLimitedAt: null,
      apiSuccessRate: { failed: 0, rate: 1, hours: 24, target: 0.95 },
      backfill: null,
      rescore: null,
    });
    expect(body.scopes).toEqual(expect.arrayContaining(['crm.objects.contacts.read']));
    expect(Date.parse(body.installedAt)).not.toBeNaN();
    expect(Date.now() - Date.parse(body.lastWebhookAt)).toBeLessThan(60_000);
    // The install read and provisioned the portal through the gateway: those calls count.
    expect(body.hubspotCalls.calls).toBeGreaterThan(0);
    expect(body.apiSuccessRate.ok).toBeGreaterThan(0);
    expect(await audits('admin.status.read')).toEqual([{ actor: 'operator', detail: { ip: expect.any(String) } }]);

    await harness.service.workers[0]!.drain();
    ({ body } = await json(`/portals/${PORTAL}`));
    expect(body.inbox.backlog).toBe(0);
    expect(body.outbox.backlog).toBe(1);
  });

  it('counts 429s and failures into the last 429 and the success rate', async () => {
    harness.sandbox.setFaults({ rate429: 1, retryAfterSeconds: 0 });
    try {
      await expect(harness.service.gateway.forPortal(PORTAL).contacts.list({ limit: 1, properties: [] })).rejects.toThrow();
    } finally {
      harness.sandbox.setFaults({});
    }
    const { body } = await json(`/portals/${PORTAL}`);
    expect(Date.now() - Date.parse(body.lastRateLimitedAt)).toBeLessThan(60_000);
    expect(body.apiSuccessRate.failed).toBe(5);
    expect(body.apiSuccessRate.rate).toBeCloseTo(body.apiSuccessRate.ok / (body.apiSuccessRate.ok + 5));
  });

  it('lists portals a page at a time', async () => {
    const { status, body } = await json('/portals?limit=1');
    expect(status).toBe(200);
    expect(body.portals.map((portal: { portalId: number }) => portal.portalId)).toEqual([PORTAL]);
    expect(body.next).toBe(PORTAL);
    expect((await json(`/portals?after=${PORTAL}`)).body).toEqual({ portals: [], next: null });
    expect((await json('/portals?limit=0')).status).toBe(400);
  });

  it('answers 404 for a portal it does not know and 400 for one that is not a portal id', async () => {
    for (const path of [`/portals/${UNKNOWN}`, `/portals/${UNKNOWN}/dead-letters`, `/portals/${UNKNOWN}/backfill`, `/portals/${UNKNOWN}/uninstall`]) {
      const method = path.endsWith('dead-letters') ? 'GET' : path === `/portals/${UNKNOWN}` ? 'GET' : 'POST';
      expect((await admin(path, { method })).status).toBe(404);
    }
    expect((await admin(`/portals/${UNKNOWN}`, { method: 'DELETE' })).status).toBe(404);
    const { status, body } = await json('/portals/abc');
    expect(status).toBe(400);
    expect(body.error).toMatch(/^portalId: /);
  });

  it('lists dead letters a page at a time, and a replayed one is processed the ordinary way', async () => {
    const first = newContact();
    const second = newContact();
    const firstId = await deadLetter(first);
    const secondId = await deadLetter(second);

    let { body } = await json(`/portals/${PORTAL}/dead-letters?limit=1`);
    expect(body.deadLetters).toEqual([expect.objectContaining({ id: secondId, attempts: 8, last_error: 'gave up', subscription_type: 'contact.propertyChange' })]);
    expect(body.next).toBe(secondId);
    ({ body } = await json(`/portals/${PORTAL}/dead-letters?before=${secondId}`));
    expect(body.deadLetters.map((letter: { id: number }) => letter.id)).toEqual([firstId]);
    expect((await json(`/portals/${PORTAL}`)).body.inbox.deadLetters).toBe(2);

    expect((await json(`/portals/${PORTAL}/dead-letters/${firstId}/replay`, { method: 'POST' })).body).toEqual({ replayed: 1 });
    await harness.service.workers[0]!.drain();
    expect(await ledgerRows(first)).toBe(1);
    expect(await ledgerRows(second)).toBe(0);

    expect((await json(`/portals/${PORTAL}/dead-letters/${firstId}/replay`, { method: 'POST' })).status).toBe(404);
    expect((await json(`/portals/${PORTAL}/dead-letters/replay`, { method: 'POST' })).body).toEqual({ replayed: 1 });
    await harness.service.workers[0]!.drain();
    expect(await ledgerRows(second)).toBe(1);
    expect((await json(`/portals/${PORTAL}`)).body.inbox).toEqual({ backlog: 0, deadLetters: 0 });
    expect(await audits('admin.dead_letters.replay')).toEqual([
      { actor: 'operator', detail: { id: firstId, ip: expect.any(String) } },
      { actor: 'operator', detail: { count: 1, ip: expect.any(String) } },
    ]);
  });

  it('starts a portal\u2019s backfill again and reports its progress from the database', async () => {
    newContact();
    const response = await json(`/portals/${PORTAL}/backfill`, { method: 'POST' });
    expect(response).toEqual({ status: 202, body: { backfill: 'started' } });
    const finished = await harness.service.backfill.run(PORTAL);
    expect(finished.state).toBe('done');
    const { body } = await json(`/portals/${PORTAL}`);
    expect(body.backfill).toMatchObject({ state: 'done', done: finished.done, total: finished.total, lastError: null });
    expect(finished.done).toBeGreaterThan(0);
    expect(await audits('admin.backfill.restart')).toHaveLength(1);

    await harness.service.db.query(`UPDATE backfills SET state = 'running' WHERE portal_id = $1`, [PORTAL]);
    expect((await json(`/portals/${PORTAL}/backfill`, { method: 'POST' })).status).toBe(409);
    await harness.service.db.query(`UPDATE backfills SET state = 'done' WHERE portal_id = $1`, [PORTAL]);
  });

  it('reports a publish-rescore\u2019s progress as the database keeps it', async () => {
    expect((await json(`/portals/${PORTAL}/rescore`)).body).toEqual({ state: 'none' });
    await harness.service.rescorer.start(PORTAL, { settings: DEFAULT_PORTAL_SETTINGS, version: 3 });
    const contacts = (await harness.service.db.query('SELECT 1 FROM contacts WHERE portal_id = $1', [PORTAL])).length;
    const { body } = await json(`/portals/${PORTAL}/rescore`);
    expect(body).toMatchObject({ state: 'done', version: 3, done: contacts, total: contacts, lastError: null });
    expect((await json(`/portals/${PORTAL}`)).body.rescore).toMatchObject({ state: 'done', done: contacts, total: contacts });
    expect(await audits('admin.rescore.read')).toHaveLength(2);
  });

  it('uninstalls a portal now, and purges its data only once it is uninstalled', async () => {
    const other = PORTAL + 1;
    await harness.service.db.query(`INSERT INTO audit_log (portal_id, actor, action) VALUES ($1, 'system', 'kept')`, [other]);
    expect((await json(`/portals/${PORTAL}`, { method: 'DELETE' })).status).toBe(409);

    // HubSpot refusing it (here a 429 on every attempt) changes nothing.
    harness.sandbox.setFaults({ rate429: 1, retryAfterSeconds: 0 });
    try {
      const refused = await json(`/portals/${PORTAL}/uninstall`, { method: 'POST' });
      expect(refused.status).toBe(502);
      expect(refused.body.error).toMatch(/^HubSpot did not uninstall the app from portal 4301 .*nothing changed, try again$/);
    } finally {
      harness.sandbox.setFaults({});
    }
    expect((await json(`/portals/${PORTAL}`)).body.installed).toBe(true);
    expect(await audits('admin.uninstall')).toEqual([]);

    expect((await json(`/portals/${PORTAL}/uninstall`, { method: 'POST' })).body).toEqual({ status: 'uninstalled' });
    // Uninstalled in HubSpot through its app uninstalls API: the portal's tokens no longer work there.
    expect(harness.sandbox.calls.count({ path: callPaths.appUninstall, status: 204 })).toBe(1);
    expect((await json(`/portals/${PORTAL}`)).body).toMatchObject({ installed: false, status: 'uninstalled', uninstallReason: 'uninstalled by an operator' });
    expect((await json(`/portals/${PORTAL}/uninstall`, { method: 'POST' })).status).toBe(409);
    expect((await json(`/portals/${PORTAL}/backfill`, { method: 'POST' })).status).toBe(409);
    await expect(harness.service.tokens.accessToken(PORTAL)).rejects.toThrow(/uninstalled/);
    expect(await audits('admin.uninstall')).toHaveLength(1);

    const { status, body } = await json(`/portals/${PORTAL}`, { method: 'DELETE' });
    expect(status).toBe(200);
    expect(body.deleted).toMatchObject({ installations: 1, inbox: expect.any(Number), contacts: expect.any(Number) });
    const tables = await harness.service.db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'portal_id'
       AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')`,
    );
    expect(tables.length).toBeGreaterThan(10);
    for (const { name } of tables) {
      const rows = await harness.service.db.query<{ action: string }>(
        `SELECT ${name === 'audit_log' ? 'action' : "'' AS action"} FROM "${name}" WHERE portal_id = $1`,
        [PORTAL],
      );
      // What is left of the portal: who purged it and when.
      expect([name, rows.map((row) => row.action)]).toEqual([name, name === 'audit_log' ? ['admin.purge'] : []]);
    }
    expect(await harness.service.db.query('SELECT 1 FROM audit_log WHERE portal_id = $1', [other])).toHaveLength(1);
    expect((await json(`/portals/${PORTAL}`)).status).toBe(404);
  });
});

describe.each(testDatabases)('operator API without ADMIN_TOKEN on $name', (database) => {
  let harness: PipelineHarness;

  beforeAll(async () => {
    harness = await startWithAdmin(database, {});
  });
  afterAll(() => harness.stop());

  it('does not exist: 404 with or without a token', async () => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }] as Record<string, string>[]) {
      for (const path of ['/admin/portals', `/admin/portals/${PORTAL}`]) {
        const response = await fetch(`${harness.service.url}${path}`, { headers });
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ error: 'not found' });
      }
    }
  });
});
