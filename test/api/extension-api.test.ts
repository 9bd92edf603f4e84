import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema, type PortalSettings } from '../../src/domain/portal-settings';
import { LIMITS } from '../../src/limits';
import { applyScenario, generateScenario, type AppliedScenario } from '../../src/sandbox';
import { testDatabases } from '../support/databases';
import { largestScoringSettings } from '../support/largest-settings';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { signedCall } from '../support/signed-fetch';

const PORTAL = 8_001;
const OTHER_PORTAL = 8_002;
const USER = 4242;

/** A stricter draft: MQL and SQL thresholds halved, so many more leads qualify. */
const draft = (mql: number, sql: number): PortalSettings =>
  portalSettingsSchema.parse({ ...DEFAULT_PORTAL_SETTINGS, scoring: { ...DEFAULT_PORTAL_SETTINGS.scoring, thresholds: { mql, sql, minGradeForSql: 'C' } } });

describe.each(testDatabases)('card, settings and report APIs (signed hubspot.fetch) on $name', (database) => {
  const scenario = generateScenario({ seed: 21, contacts: 80, days: 20, start: Date.now() - 20 * 86_400_000 });
  let harness: PipelineHarness;
  let applied: AppliedScenario;
  let clock = Date.now();

  beforeAll(async () => {
    harness = await startPipelineHarness(database, {
      // USER installs the app, so may publish and roll back (who else may is settings-access-api.test.ts).
      sandbox: { portals: [{ portalId: PORTAL, user: { id: USER, email: 'admin@example.com' } }, { portalId: OTHER_PORTAL }] },
      arrange: (sandbox) => (applied = applyScenario(sandbox.state, scenario, { portalId: PORTAL, appId: sandbox.app.appId })),
    });
    await harness.deliver(applied.events);
  });
  afterAll(() => harness.stop());

  const call = (
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    { portalId = PORTAL, secret = harness.sandbox.app.clientSecret, timestamp = clock, sign = true } = {},
  ) => signedCall(harness.service.url, method, path, body, { portalId, userId: USER, secret, timestamp, sign });
  const contactId = (i: number) => Number(applied.ids.contacts.get(scenario.contacts[i]!.key));
  const statuses = async () =>
    Object.fromEntries(
      (await harness.service.db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM contacts WHERE portal_id = $1 GROUP BY status', [PORTAL])).map(
        (row) => [row.status, row.n],
      ),
    );

  it('refuses unsigned, wrongly signed, stale and uninstalled-portal requests', async () => {
    const path = `/api/cards/lead-score?contactId=${contactId(0)}`;
    expect((await call('GET', path, undefined, { sign: false })).status).toBe(401);
    expect((await call('GET', path, undefined, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await call('GET', path, undefined, { timestamp: clock - 6 * 60_000 })).status).toBe(401);
    expect((await call('GET', path, undefined, { portalId: 999_999 })).status).toBe(403);
    expect((await call('GET', path)).status).toBe(200);
  });

  it('shows the lead and why, and never another portal\u2019s contact', async () => {
    const { status, json } = await call('GET', `/api/cards/lead-score?contactId=${contactId(0)}`);
    expect(status).toBe(200);
    expect(json.lead).toMatchObject({ contactId: contactId(0), thresholds: { mql: 60, sql: 90, minGradeForSql: 'B' } });
    expect(json.lead.trend).toHaveLength(30);
    const sum = (json.lead.reasons as { points: number }[]).reduce((total, reason) => total + reason.points, 0);
    expect(sum).toBe(json.lead.score);
    harness.sandbox.setInstallingPortal(OTHER_PORTAL);
    const { installThroughOAuth } = await import('../../src/sandbox-mode');
    await installThroughOAuth(harness.service.url);
    expect((await call('GET', `/api/cards/lead-score?contactId=${contactId(0)}`, undefined, { portalId: OTHER_PORTAL })).json).toEqual({
      error: 'not_scored',
      message: expect.stringMatching(new RegExp(`^The lead manager has no lead for contact ${contactId(0)} in this portal yet`)),
    });
  });

  it.each(['accept', 'recycle', 'disqualify'] as const)(
    'answers 404 to %s on a contact the portal has no lead for (unknown, or another portal\u2019s), and writes nothing',
    async (kind) => {
      const rows = async (portalId: number, id: number) =>
        (
          await harness.service.db.query<{ n: number }>(
            `SELECT (SELECT count(*) FROM contacts WHERE portal_id = $1 AND contact_id = $2)
                  + (SELECT count(*) FROM lead_decisions WHERE portal_id = $1 AND contact_id = $2)
                  + (SELECT count(*) FROM outbox WHERE portal_id = $1 AND contact_id = $2)
                  + (SELECT count(*) FROM audit_log WHERE portal_id = $1 AND action LIKE 'lead.%') AS n`,
            [portalId, id],
          )
        )[0]!.n;
      for (const [portalId, id] of [[PORTAL, 987_654_321], [OTHER_PORTAL, contactId(2)]] as const) {
        const before = await rows(portalId, id);
        const { status, json } = await call('POST', '/api/cards/lead-score/decision', { contactId: id, kind, reason: 'not for us' }, { portalId });
        expect(status).toBe(404);
        expect(json).toEqual({ error: 'not_scored', message: expect.stringMatching(new RegExp(`no lead for contact ${id} in this portal`)) });
        expect(await rows(portalId, id)).toBe(before);
        if (portalId === OTHER_PORTAL) expect(before).toBe(0);
      }
    },
  );

  it('a rep\u2019s accept, recycle and disqualify change the status, the audit log and the HubSpot properties', async () => {
    const id = contactId(1);
    const hubspot = () => harness.sandbox.state.properties(PORTAL, 'contacts', String(id))!.lm_status;
    expect((await call('POST', '/api/cards/lead-score/decision', { contactId: id, kind: 'recycle' })).status).toBe(400);
    for (const [kind, expected] of [['accept', 'sql'], ['recycle', 'recycled'], ['disqualify', 'disqualified']] as const) {
      clock += 1000;
      const { status, json } = await call('POST', '/api/cards/lead-score/decision', { contactId: id, kind, reason: `because ${kind}` });
      expect(status).toBe(200);
      expect(json.lead.status).toBe(expected);
      await harness.service.writer.flushAll();
      expect(hubspot()).toBe(expected);
    }
    const audit = await harness.service.db.query<{ actor: string; action: string }>(
      `SELECT actor, action FROM audit_log WHERE portal_id = $1 AND action LIKE 'lead.%' ORDER BY id`,
      [PORTAL],
    );
    expect(audit).toEqual(['accept', 'recycle', 'disqualify'].map((kind) => ({ actor: `user:${USER}`, action: `lead.${kind}` })));
  });

  it('validates a draft inline, with the path of each problem', async () => {
    const bad = { ...DEFAULT_PORTAL_SETTINGS, scoring: { ...DEFAULT_PORTAL_SETTINGS.scoring, thresholds: { mql: 80, sql: 40, minGradeForSql: 'B' } } };
    const { json } = await call('POST', '/api/settings/validate', { settings: bad });
    expect(json.ok).toBe(false);
    expect(json.issues.some((issue: { path: string[] }) => issue.path.join('.').startsWith('scoring.thresholds'))).toBe(true);
    expect((await call('POST', '/api/settings/validate', { settings: DEFAULT_PORTAL_SETTINGS })).json).toEqual({ ok: true });
  });

  it('answers a draft with more problems than one answer carries with the first ones and how many there were', async () => {
    const largest = largestScoringSettings();
    const rules = largest.scoring.engagementRules.map((rule) => ({ ...rule, activity: `unknown_${rule.id}` }));
    const settings = { ...largest, scoring: { ...largest.scoring, engagementRules: rules } };
    const expected = { issueCount: rules.length, issues: expect.arrayContaining([expect.objectContaining({ path: ['scoring', 'engagementRules', 0, 'activity'] })]) };

    const validated = (await call('POST', '/api/settings/validate', { settings })).json;
    expect(validated).toEqual({ ok: false, ...expected });
    expect(validated.issues).toHaveLength(LIMITS.api.issuesPerAnswer);
    for (const path of ['/api/settings/preview', '/api/settings/publish']) {
      const refused = await call('POST', path, { settings });
      expect(refused).toEqual({ status: 400, json: { error: 'invalid settings', ...expected } });
      expect(refused.json.issues).toHaveLength(LIMITS.api.issuesPerAnswer);
    }
  });

  it('previews a draft with the counts that publishing it then gives; rollback restores the earlier model and scores', async () => {
    const preview = (await call('POST', '/api/settings/preview', { settings: draft(30, 45) })).json;
    expect(preview.contacts).toBe(80);
    expect(preview.changedStatus).toBeGreaterThan(0);

    const published = await call('POST', '/api/settings/publish', { settings: draft(30, 45), note: 'lower thresholds' });
    expect(published.status).toBe(200);
    await harness.service.rescorer.idle();
    const after = await statuses();
    for (const [status, n] of Object.entries(preview.after as Record<string, number>)) expect(after[status] ?? 0).toBe(n);
    expect((await call('GET', '/api/settings/rescore')).json).toMatchObject({ state: 'done', done: 80, total: 80 });

    const versions = (await call('GET', '/api/settings')).json;
    expect(versions.live).toMatchObject({ version: published.json.version, publishedBy: `user:${USER}` });
    const scoresAt = async () => harness.service.db.query('SELECT contact_id, score, status FROM contacts WHERE portal_id = $1 ORDER BY contact_id', [PORTAL]);
    const underDraft = await scoresAt();

    await call('POST', '/api/settings/publish', { settings: draft(70, 120) });
    await harness.service.rescorer.idle();
    const rolled = await call('POST', '/api/settings/rollback', { version: published.json.version });
    expect(rolled.status).toBe(200);
    await harness.service.rescorer.idle();
    expect(await scoresAt()).toEqual(underDraft);
    expect((await call('GET', '/api/settings')).json.live.settings.scoring.thresholds).toEqual({ mql: 30, sql: 45, minGradeForSql: 'C' });
    const audit = await harness.service.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE portal_id = $1 AND action LIKE 'settings.%' ORDER BY id`, [PORTAL]);
    expect(audit.map((a) => a.action)).toEqual(['settings.published', 'settings.published', 'settings.rolled_back']);
  });

  it('reports the funnel, time to MQL and calibration for the caller\u2019s portal', async () => {
    const { status, json } = await call('GET', '/api/reports/home?months=6');
    expect(status).toBe(200);
    const captured = (json.funnel as { captured: number }[]).reduce((total, row) => total + row.captured, 0);
    expect(captured).toBe(80);
    expect((json.calibration as { contacts: number }[]).reduce((total, row) => total + row.contacts, 0)).toBe(80);
    expect((await call('GET', '/api/reports/home', undefined, { portalId: OTHER_PORTAL })).json.funnel).toEqual([]);
  });
});
