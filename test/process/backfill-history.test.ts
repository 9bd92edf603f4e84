import { DEFAULT_ACTIVITY_MAPPING } from '../../src/domain/activities';
import { silentLogger } from '../../src/log';
import { Backfill } from '../../src/process/backfill';
import { applyScenario, generateScenario, type AppliedScenario } from '../../src/sandbox';
import { installThroughOAuth } from '../../src/sandbox-mode';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { callPaths } from '../../src/sandbox/route-paths';

const BACKFILLED = 8_001;
const REPLAYED = 8_002;
/** Engagements (meetings, calls, emails, notes) are objects of their own, not contact property history. */
const ENGAGEMENT_ACTIVITIES = DEFAULT_ACTIVITY_MAPPING.engagements.map((rule) => rule.activity);

describe.each(testDatabases)('a backfill rebuilds activities from the contacts’ property history, on $name', (database) => {
  const scenario = generateScenario({ seed: 11, contacts: 120, days: 30 });
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
    await installThroughOAuth(harness.service.url);
  });
  afterAll(() => harness.stop());

  /** The portal's ledger of what contact property changes earned, by contact's place in the scenario (ids differ per portal). */
  const ledger = async (portalId: number) => {
    const keyOf = new Map([...applied.get(portalId)!.ids.contacts].map(([key, id]) => [Number(id), key]));
    const rows = await harness.service.db.query<{ contact_id: number; source_key: string; rule_id: string; points: number; occurred_at: Date }>(
      `SELECT l.contact_id, l.source_key, l.rule_id, l.points, l.occurred_at FROM score_ledger l
       JOIN activities a ON a.portal_id = l.portal_id AND a.contact_id = l.contact_id AND a.activity_key = l.source_key
       WHERE l.portal_id = $1 AND a.type <> ALL($2::text[])`,
      [portalId, ENGAGEMENT_ACTIVITIES],
    );
    return rows
      .map(({ contact_id, source_key, rule_id, points, occurred_at }) => `${keyOf.get(contact_id)} ${source_key} ${rule_id} ${points} ${occurred_at.toISOString()}`)
      .sort();
  };

  it('gives the same ledger for the default model as webhooks replaying the same history', async () => {
    const backfill = new Backfill({ db: harness.service.db, gateway: harness.service.gateway, settings: harness.service.settings, logger: silentLogger, metrics: harness.service.pipelineMetrics });
    expect(await backfill.run(BACKFILLED)).toMatchObject({ state: 'done', done: scenario.contacts.length });
    await harness.deliver(applied.get(REPLAYED)!.events);

    const backfilled = await ledger(BACKFILLED);
    expect(backfilled).toEqual(await ledger(REPLAYED));
    // Every kind of history is there, more than once per contact for some: opens, clicks, forms, pricing visits (repeat ones too).
    const rules = new Set(backfilled.map((row) => row.split(' ')[2]));
    for (const rule of ['email_open', 'email_click', 'pricing_page', 'site_visit']) expect(rules).toContain(rule);
    expect(backfilled.some((row) => row.split(' ')[1]!.startsWith('form_submission:'))).toBe(true);
  });

  it('reads the history 50 contacts a call, within the rate limit', () => {
    const historyReads = harness.sandbox.calls.all({ portalId: BACKFILLED, path: callPaths.batchRead, version: '2026-03' });
    // Two pages of contacts (100 and 20): two reads of 50 for the first, one for the second.
    expect(historyReads).toHaveLength(3);
    expect(historyReads.every((call) => call.status === 200)).toBe(true);
    expect(harness.sandbox.calls.count({ portalId: BACKFILLED, status: 429 })).toBe(0);
  });
});
