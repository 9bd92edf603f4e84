import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema, type PortalSettings } from '../../src/domain/portal-settings';
import { DEFAULT_SCORING_MODEL } from '../../src/domain/scoring';
import { applyScenario, generateScenario, type AppliedScenario, type ScenarioContact } from '../../src/sandbox';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { callPaths } from '../../src/sandbox/route-paths';

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
  const scenario = generateScenario({ seed: 11, contacts: 60, days: 20 });
  let harness: PipelineHarness;
  let applied: AppliedScenario;

  beforeAll(async () => {
    harness = await startPipelineHarness(database, {
      sandbox: { portals: [{ portalId: PORTAL }] },
      arrange: (sandbox) => (applied = applyScenario(sandbox.state, scenario, { portalId: PORTAL, appId: sandbox.app.appId })),
    });
    await harness.publish(PORTAL, SETTINGS);
  });
  afterAll(() => harness.stop());

  const deliver = (events = applied.events) => harness.deliver(events);
  const sandbox = () => harness.sandbox;

  const written = () =>
    scenario.contacts.map((contact) => {
      const properties = sandbox().state.properties(PORTAL, 'contacts', applied.ids.contacts.get(contact.key)!)!;
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
    const [row] = await harness.service.db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox WHERE processed_at IS NULL');
    expect(row?.n).toBe(0);
  });

  it('totals equal the ledger', async () => {
    const rows = await harness.service.db.query<{ contact_id: number; engagement_score: number; ledger: number }>(
      `SELECT c.contact_id, c.engagement_score, coalesce(sum(l.points), 0)::float8 AS ledger FROM contacts c
       LEFT JOIN score_ledger l ON l.portal_id = c.portal_id AND l.contact_id = c.contact_id
       WHERE c.portal_id = $1 GROUP BY c.contact_id, c.engagement_score`,
      [PORTAL],
    );
    for (const row of rows) expect(row.engagement_score).toBe(Math.round(row.ledger));
  });

  it('changes nothing when HubSpot delivers everything again, shuffled, three times', async () => {
    const before = written();
    const calls = sandbox().calls.count({ portalId: PORTAL, path: callPaths.batchUpdate });
    const shuffled = [...applied.events].sort((a, b) => ((a.eventId * 7919) % 101) - ((b.eventId * 7919) % 101));
    for (let round = 0; round < 3; round += 1) await deliver(shuffled);
    expect(written()).toEqual(before);
    expect(sandbox().calls.count({ portalId: PORTAL, path: callPaths.batchUpdate })).toBe(calls);
  });
});
