import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema } from '../../src/domain/portal-settings';
import { DEFAULT_SCORING_MODEL } from '../../src/domain/scoring';
import { Backfill } from '../../src/process/backfill';
import { applyScenario, generateScenario, type AppliedScenario } from '../../src/sandbox';
import { silentLogger } from '../../src/log';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';

const BACKFILLED = 6_001;
const REPLAYED = 6_002;
/** What a contact's current properties tell completely: its page-view count and its fit (no caps, no decay). */
const SETTINGS = portalSettingsSchema.parse({
  ...DEFAULT_PORTAL_SETTINGS,
  scoring: {
    ...DEFAULT_SCORING_MODEL,
    groups: [],
    engagementCap: undefined,
    engagementRules: [{ id: 'page_view', label: 'Page view', activity: 'page_view', points: 2 }],
    fitRules: [{ id: 'industry', label: 'Industry', property: 'industry', op: 'in', values: ['Internet', 'Computer Software'], points: 20 }],
    fitGrades: { A: 20, B: 10, C: 5 },
    thresholds: { mql: 30, sql: 60, minGradeForSql: 'B' },
  },
});

describe.each(testDatabases)('backfill of existing contacts on $name', (database) => {
  const scenario = generateScenario({ seed: 5, contacts: 250, days: 20 });
  let harness: PipelineHarness;
  const applied = new Map<number, AppliedScenario>();

  beforeAll(async () => {
    harness = await startPipelineHarness(database, {
      sandbox: { portals: [{ portalId: BACKFILLED }, { portalId: REPLAYED }] },
      arrange: (sandbox) => {
        for (const portalId of [BACKFILLED, REPLAYED]) applied.set(portalId, applyScenario(sandbox.state, scenario, { portalId, appId: sandbox.app.appId }));
      },
    });
    harness.sandbox.setInstallingPortal(REPLAYED);
    const { installThroughOAuth } = await import('../../src/sandbox-mode');
    await installThroughOAuth(harness.service.url);
    await harness.publish(BACKFILLED, SETTINGS);
    await harness.publish(REPLAYED, SETTINGS);
  });
  afterAll(() => harness.stop());

  const backfill = () =>
    new Backfill({
      db: harness.service.db,
      gateway: harness.service.gateway,
      settings: harness.service.settings,
      logger: silentLogger,
      metrics: harness.service.pipelineMetrics,
    });
  const written = (portalId: number) =>
    scenario.contacts.map((contact) => {
      const p = harness.sandbox.state.properties(portalId, 'contacts', applied.get(portalId)!.ids.contacts.get(contact.key)!)!;
      return [p.lm_score, p.lm_fit_grade, p.lm_status];
    });

  it('resumes after a restart half way, scores every contact once, within the rate limit', async () => {
    const first = backfill();
    const paused = first.run(BACKFILLED);
    await first.stop(); // "restart": the first process stops after the page in hand
    expect(await paused).toMatchObject({ state: 'running', done: 100, total: 250 });

    expect(await backfill().run(BACKFILLED)).toEqual({ state: 'done', done: 250, total: 250 });
    const [row] = await harness.service.db.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts WHERE portal_id = $1', [BACKFILLED]);
    expect(row?.n).toBe(250);
    await harness.service.writer.flushAll();
    expect(harness.sandbox.calls.count({ portalId: BACKFILLED, status: 429 })).toBe(0);
    expect(harness.sandbox.calls.maxInWindow(10_000, { portalId: BACKFILLED })).toBeLessThanOrEqual(110);
    expect(await backfill().run(BACKFILLED)).toEqual({ state: 'done', done: 250, total: 250 });
  });

  it('gives the same results as webhooks replaying the same history', async () => {
    await harness.deliver(applied.get(REPLAYED)!.events);
    expect(written(BACKFILLED)).toEqual(written(REPLAYED));
    expect(new Set(written(BACKFILLED).map((values) => values[2])).size).toBeGreaterThan(1);
  });

  it('adds no duplicate points when the same history then arrives by webhook', async () => {
    const before = written(BACKFILLED);
    const ledger = async () => (await harness.service.db.query('SELECT 1 FROM score_ledger WHERE portal_id = $1', [BACKFILLED])).length;
    const rows = await ledger();
    await harness.deliver(applied.get(BACKFILLED)!.events);
    expect(await ledger()).toBe(rows);
    expect(written(BACKFILLED)).toEqual(before);
  });
});
