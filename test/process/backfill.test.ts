import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema } from '../../src/domain/portal-settings';
import { DEFAULT_SCORING_MODEL } from '../../src/domain/scoring';
import type { HubspotGateway } from '../../src/hubspot/gateway';
import { Backfill } from '../../src/process/backfill';
import { applyScenario, generateScenario, type AppliedScenario } from '../../src/sandbox';
import { silentLogger } from '../../src/log';
import type { Db } from '../../src/store/db';
import { openSibling, testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { callPaths } from '../../src/sandbox/route-paths';

const BACKFILLED = 6_001;
const REPLAYED = 6_002;
const OVERLAPPED = 6_003;
const CRASHED = 6_004;
const REFUSED = 6_005;
const STOPPED = 6_006;
const SHARED = 6_007;
/** Portals installed after the first; each holds the same scenario. */
const LATER = [REPLAYED, OVERLAPPED, CRASHED, REFUSED, STOPPED, SHARED];
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
      sandbox: { portals: [BACKFILLED, ...LATER].map((portalId) => ({ portalId })) },
      arrange: (sandbox) => {
        for (const portalId of [BACKFILLED, ...LATER]) applied.set(portalId, applyScenario(sandbox.state, scenario, { portalId, appId: sandbox.app.appId }));
      },
    });
    const { installThroughOAuth } = await import('../../src/sandbox-mode');
    for (const portalId of LATER) {
      harness.sandbox.setInstallingPortal(portalId);
      await installThroughOAuth(harness.service.url);
    }
    for (const portalId of [BACKFILLED, ...LATER]) await harness.publish(portalId, SETTINGS);
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
  /**
   * A backfill whose page reads and page transactions are traced in `events`: `asked <cursor>` when it asks the
   * gateway for a page, `answered <cursor>` when HubSpot has answered, `committed` when a page's transaction has
   * committed. `beforeCommit` runs inside each page's transaction after its statements, `onAsk` as a read is asked.
   */
  const traced = (
    hooks: { db?: Db; onAsk?: (after: string | undefined) => void; beforeCommit?: (reads: Promise<unknown>[]) => Promise<unknown> } = {},
  ) => {
    const events: string[] = [];
    const reads: Promise<unknown>[] = [];
    const { gateway, settings, pipelineMetrics } = harness.service;
    const db = hooks.db ?? harness.service.db;
    const tracedGateway = Object.create(gateway) as HubspotGateway;
    tracedGateway.forPortal = (portalId) => {
      const client = gateway.forPortal(portalId);
      return {
        ...client,
        contacts: {
          ...client.contacts,
          list: (options) => {
            const cursor = options?.after ?? 'start';
            events.push(`asked ${cursor}`);
            hooks.onAsk?.(options?.after);
            const page = client.contacts.list(options);
            reads.push(page.then(() => events.push(`answered ${cursor}`), () => undefined));
            return page;
          },
        },
      };
    };
    const tracedDb: Db = {
      ...db,
      transaction: async (fn) => {
        const value = await db.transaction(async (tx) => {
          const result = await fn(tx);
          await hooks.beforeCommit?.(reads);
          return result;
        });
        events.push('committed');
        return value;
      },
    };
    return { events, backfill: new Backfill({ db: tracedDb, gateway: tracedGateway, settings, logger: silentLogger, metrics: pipelineMetrics }) };
  };
  const asks = (events: string[]) => events.filter((event) => event.startsWith('asked '));
  const cursorOf = (event: string | undefined) => event?.slice(event.indexOf(' ') + 1);
  const progress = async (portalId: number) =>
    (await harness.service.db.query<{ state: string; cursor: string | null; done: number; last_error: string | null }>(
      'SELECT state, cursor, done, last_error FROM backfills WHERE portal_id = $1',
      [portalId],
    ))[0];
  const contactRows = async (portalId: number) =>
    (await harness.service.db.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts WHERE portal_id = $1', [portalId]))[0]?.n;
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

  it('asks HubSpot for the next page before the page in hand commits', async () => {
    // PostgreSQL runs the read's own statement (its access token) beside the page's transaction, so there each page
    // waits to commit until HubSpot has answered the read ahead. The embedded database runs one statement at a time:
    // there the read ahead is asked for before the commit, and may only reach HubSpot after it.
    const postgres = database.name === 'postgres';
    const { events, backfill } = traced(postgres ? { beforeCommit: (reads) => Promise.all(reads) } : {});
    expect(await backfill.run(OVERLAPPED)).toEqual({ state: 'done', done: 250, total: 250 });

    const commits = events.flatMap((event, i) => (event === 'committed' ? [i] : []));
    const before = (kind: 'asked' | 'answered') => commits.map((at) => events.slice(0, at).filter((event) => event.startsWith(kind)).length);
    // Three pages: the first two commit after the read of the page after them was asked (answered, on PostgreSQL).
    expect(before('asked')).toEqual([2, 3, 3]);
    if (postgres) expect(before('answered')).toEqual([2, 3, 3]);
    expect(harness.sandbox.calls.count({ portalId: OVERLAPPED, method: 'GET', path: callPaths.objects })).toBe(3);
  });

  it('runs on one instance at a time: another asked for the same portal reports it running and reads nothing', async () => {
    const db = harness.service.db;
    // Another instance: its own connection pool on PostgreSQL, the same embedded database on PGlite.
    const sibling = database.name === 'postgres' ? await openSibling(db) : db;
    const { gateway, settings, pipelineMetrics } = harness.service;
    const other = new Backfill({ db: sibling, gateway, settings, logger: silentLogger, metrics: pipelineMetrics });
    try {
      const outcomes = await Promise.all([backfill().run(SHARED), other.run(SHARED)]);
      expect(outcomes).toContainEqual({ state: 'done', done: 250, total: 250 });
      expect(outcomes.filter((outcome) => outcome.state === 'running')).toHaveLength(1);
      expect(harness.sandbox.calls.count({ portalId: SHARED, method: 'GET', path: callPaths.objects })).toBe(3);
    } finally {
      if (sibling !== db) await sibling.close();
    }
  });

  it('resumes after a crash mid-run from the last committed page and settles every contact once', async () => {
    const { db } = harness.service;
    const killed = new Error('process killed');
    let alive = true;
    let pages = 0;
    // The process dies while its second page settles, the third already asked for: that page's transaction rolls
    // back, and nothing the process does afterwards reaches the database.
    const dying: Db = {
      ...db,
      query: async <Row>(sql: string, params?: unknown[]) => {
        if (!alive) throw killed;
        return db.query<Row>(sql, params);
      },
      transaction: (fn) =>
        db.transaction(async (tx) => {
          const value = await fn(tx);
          pages += 1;
          if (pages === 2) {
            alive = false;
            throw killed;
          }
          return value;
        }),
    };
    const crashed = traced({ db: dying });
    await crashed.backfill.run(CRASHED);
    const [, second, third] = asks(crashed.events);
    expect(third).toBeDefined();
    expect(await progress(CRASHED)).toMatchObject({ state: 'running', done: 100, cursor: cursorOf(second) });

    const restarted = traced();
    expect(await restarted.backfill.unfinished()).toContain(CRASHED);
    expect(await restarted.backfill.run(CRASHED)).toEqual({ state: 'done', done: 250, total: 250 });
    // From the committed cursor on: the second and third pages again, each settled once this time.
    expect(asks(restarted.events)).toEqual([second, third]);
    expect(restarted.events.filter((event) => event === 'committed')).toHaveLength(2);
    // `done` moves in each page's own transaction, so 250 of 250 means every contact was in exactly one committed page.
    expect(await progress(CRASHED)).toMatchObject({ state: 'done', done: 250 });
    expect(await contactRows(CRASHED)).toBe(250);
  });

  it('fails when the page read ahead fails, keeping the cursor after the last committed page', async () => {
    const { events, backfill } = traced({
      // The portal uninstalls the app just as the second page is asked for, so HubSpot refuses the read ahead.
      onAsk: (after) => {
        if (after === undefined) return;
        harness.sandbox.revokeRefreshTokens(REFUSED);
        harness.sandbox.expireAccessTokens(REFUSED);
      },
    });
    expect(await backfill.run(REFUSED)).toEqual({ state: 'failed', done: 100, total: 250 });
    const [first, second] = asks(events);
    expect(events).toEqual([first, `answered ${cursorOf(first)}`, second, 'committed']);
    const left = await progress(REFUSED);
    expect(left).toMatchObject({ state: 'failed', done: 100, cursor: cursorOf(second) });
    expect(left?.last_error).toMatch(/not active/);
    expect(await contactRows(REFUSED)).toBe(100);
  });

  it('stopped while the next page is read ahead, stops after the page in hand; the next start reads that page again', async () => {
    let stopped: Promise<void> | undefined;
    const first = traced({
      beforeCommit: async () => {
        stopped ??= first.backfill.stop();
      },
    });
    expect(await first.backfill.run(STOPPED)).toEqual({ state: 'running', done: 100, total: 250 });
    await stopped;
    const [, second] = asks(first.events);
    // One page committed; the read ahead was dropped, but only once HubSpot had answered it: nothing of the
    // backfill outlives stop().
    expect(first.events.filter((event) => event === 'committed')).toHaveLength(1);
    expect(first.events).toContain(`answered ${cursorOf(second)}`);
    expect(await progress(STOPPED)).toMatchObject({ state: 'running', done: 100, cursor: cursorOf(second) });

    const restarted = traced();
    expect(await restarted.backfill.run(STOPPED)).toEqual({ state: 'done', done: 250, total: 250 });
    expect(asks(restarted.events)[0]).toBe(second);
    expect(await contactRows(STOPPED)).toBe(250);
  });
});
