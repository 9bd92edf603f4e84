import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config';
import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema, type PortalSettings } from '../../src/domain/portal-settings';
import { DEFAULT_SCORING_MODEL } from '../../src/domain/scoring';
import { silentLogger } from '../../src/log';
import { applyScenario, createHubspotSandbox, generateScenario, sendWebhooks, type ListeningSandbox, type ScenarioContact } from '../../src/sandbox';
import { installThroughOAuth } from '../../src/sandbox-mode';
import { startService, type Service } from '../../src/service';
import { freePort } from '../support/free-port';
import { testDatabases } from '../support/databases';

const PORTAL = 31_337;
const TARGET_INDUSTRIES = ['Computer Software', 'Information Technology and Services', 'Internet'];
const POINTS = { page_view: 1, email_open: 2, email_click: 4, meeting_booked: 10 } as const;

/** A model simple enough to score by hand: no caps, no decay, no negative points. */
const SETTINGS: PortalSettings = portalSettingsSchema.parse({
  ...DEFAULT_PORTAL_SETTINGS,
  scoring: {
    ...DEFAULT_SCORING_MODEL,
    groups: [],
    engagementCap: undefined,
    engagementRules: Object.entries(POINTS).map(([activity, points]) => ({ id: activity, label: activity, activity, points })),
    fitRules: [{ id: 'industry', label: 'Industry', property: 'industry', op: 'in', values: TARGET_INDUSTRIES, points: 20 }],
    fitGrades: { A: 20, B: 10, C: 5 },
    thresholds: { mql: 30, sql: 60, minGradeForSql: 'B' },
  },
});

/** What the app should write for a contact, computed from the scenario itself, not by the engine. */
function expectedFor(contact: ScenarioContact) {
  let engagement = 0;
  for (const activity of contact.journey) {
    if (activity.kind in POINTS) engagement += POINTS[activity.kind as keyof typeof POINTS];
  }
  const fit = TARGET_INDUSTRIES.includes(contact.properties.industry) ? 20 : 0;
  const total = engagement + fit;
  const grade = fit >= 20 ? 'A' : 'D';
  const status = total >= 60 && grade === 'A' ? 'sql' : total >= 30 ? 'mql' : 'new';
  return { lm_score: String(total), lm_engagement_score: String(engagement), lm_fit_score: String(fit), lm_fit_grade: grade, lm_status: status };
}

describe.each(testDatabases)('webhooks in, scores out, end to end against the HubSpot emulator, on $name', (database) => {
  const sandbox = createHubspotSandbox({ portals: [{ portalId: PORTAL }] });
  const scenario = generateScenario({ seed: 11, contacts: 60, days: 20 });
  const applied = applyScenario(sandbox.state, scenario, { portalId: PORTAL, appId: sandbox.app.appId });
  let emulator: ListeningSandbox;
  let service: Service;

  beforeAll(async () => {
    emulator = await sandbox.listen();
    const port = await freePort();
    const config = loadConfig({ PORT: String(port), APP_BASE_URL: `http://localhost:${port}`, LOG_LEVEL: 'silent' });
    service = await startService({
      config,
      hubspot: { clientId: sandbox.app.clientId, clientSecret: sandbox.app.clientSecret, appId: sandbox.app.appId, apiBase: emulator.url },
      tokenEncryptionKey: randomBytes(32),
      logger: silentLogger,
      db: await database.open(),
      jobs: false,
      pipeline: false,
      backfillOnInstall: false,
    });
    await installThroughOAuth(service.url);
    await service.db.query(
      `INSERT INTO settings_versions (portal_id, version, settings, created_by, published_at, published_by) VALUES ($1, 1, $2, 'test', now(), 'test')`,
      [PORTAL, JSON.stringify(SETTINGS)],
    );
  });
  afterAll(async () => {
    await service.stop();
    await emulator.close();
  });

  const deliver = async (events = applied.events) => {
    const report = await sendWebhooks({
      targetUrl: `${service.url}/webhooks/hubspot`,
      clientSecret: sandbox.app.clientSecret,
      events,
      retry: { attempts: 3, baseDelayMs: 10 },
    });
    expect(report.failed).toBe(0);
    await service.workers[0]!.drain();
    await service.writer.flushAll();
  };

  const written = () =>
    scenario.contacts.map((contact) => {
      const properties = sandbox.state.properties(PORTAL, 'contacts', applied.ids.contacts.get(contact.key)!)!;
      return {
        lm_score: properties.lm_score,
        lm_engagement_score: properties.lm_engagement_score,
        lm_fit_score: properties.lm_fit_score,
        lm_fit_grade: properties.lm_fit_grade,
        lm_status: properties.lm_status,
      };
    });

  it('writes every contact\u2019s score, grade and status as the scenario says they should be', async () => {
    await deliver();
    expect(written()).toEqual(scenario.contacts.map(expectedFor));
    const statuses = new Set(scenario.contacts.map((c) => expectedFor(c).lm_status));
    expect(statuses.size).toBeGreaterThan(1); // the scenario exercises more than one outcome
    const [{ n }] = await service.db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox WHERE processed_at IS NULL');
    expect(n).toBe(0);
  });

  it('totals equal the ledger', async () => {
    const rows = await service.db.query<{ contact_id: number; engagement_score: number; ledger: number }>(
      `SELECT c.contact_id, c.engagement_score, coalesce(sum(l.points), 0)::float8 AS ledger FROM contacts c
       LEFT JOIN score_ledger l ON l.portal_id = c.portal_id AND l.contact_id = c.contact_id
       WHERE c.portal_id = $1 GROUP BY c.contact_id, c.engagement_score`,
      [PORTAL],
    );
    for (const row of rows) expect(row.engagement_score).toBe(Math.round(row.ledger));
  });

  it('changes nothing when HubSpot delivers everything again, shuffled, three times', async () => {
    const before = written();
    const calls = sandbox.calls.count({ portalId: PORTAL, path: '/crm/v3/objects/:objectType/batch/update' });
    const shuffled = [...applied.events].sort((a, b) => ((a.eventId * 7919) % 101) - ((b.eventId * 7919) % 101));
    for (let round = 0; round < 3; round += 1) await deliver(shuffled);
    expect(written()).toEqual(before);
    expect(sandbox.calls.count({ portalId: PORTAL, path: '/crm/v3/objects/:objectType/batch/update' })).toBe(calls);
  });
});
