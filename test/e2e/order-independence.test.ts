import { silentLogger } from '../../src/log';
import { InboxWorker } from '../../src/pipeline/worker';
import { applyScenario, generateScenario, type WebhookEvent } from '../../src/sandbox';
import { seededRandom } from '../../src/sandbox/random';
import { testDatabases, type TestDatabase } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';

const PORTAL = 70_707;
const DAY = 86_400_000;
/** One `now` for every run (scores decay with it); after the events arrive, so the workers see them. */
const NOW = Math.ceil(Date.now() / DAY) * DAY + DAY;
const SCENARIO = { seed: 23, contacts: 60, days: 30, start: NOW - 30 * DAY };

/**
 * What the pipeline leaves of the scenario: every contact's state, activities, ledger and desired HubSpot values.
 * (The transitions log records the order things were learnt in, so it is not compared; the status and since when are.)
 */
async function outcome(harness: PipelineHarness) {
  const { db } = harness.service;
  return {
    contacts: await db.query(
      `SELECT contact_id, status, status_since, score, fit_score, engagement_score, grade, reasons, facts FROM contacts WHERE portal_id = $1 ORDER BY contact_id`,
      [PORTAL],
    ),
    activities: await db.query(
      'SELECT contact_id, activity_key, type, occurred_at, detail FROM activities WHERE portal_id = $1 ORDER BY contact_id, activity_key',
      [PORTAL],
    ),
    ledger: await db.query(
      'SELECT contact_id, source_key, rule_id, points, occurred_at FROM score_ledger WHERE portal_id = $1 ORDER BY contact_id, source_key, rule_id',
      [PORTAL],
    ),
    outbox: await db.query('SELECT contact_id, properties FROM outbox WHERE portal_id = $1 ORDER BY contact_id', [PORTAL]),
  };
}

async function harnessFor(database: TestDatabase): Promise<{ harness: PipelineHarness; events: WebhookEvent[] }> {
  let events: WebhookEvent[] = [];
  const harness = await startPipelineHarness(database, {
    sandbox: { portals: [{ portalId: PORTAL }] },
    arrange: (sandbox) => (events = applyScenario(sandbox.state, generateScenario(SCENARIO), { portalId: PORTAL, appId: sandbox.app.appId }).events),
  });
  return { harness, events };
}

function workersOf(harness: PipelineHarness, count: number, batchSize: number): InboxWorker[] {
  const { db, gateway, settings, pipelineMetrics } = harness.service;
  return Array.from({ length: count }, () => new InboxWorker({ db, gateway, settings, logger: silentLogger, metrics: pipelineMetrics, now: () => new Date(NOW), batchSize }));
}

describe.each(testDatabases)('the same events give the same result, whatever their order, grouping, duplicates and workers, on $name', (database) => {
  let reference: Awaited<ReturnType<typeof outcome>>;

  beforeAll(async () => {
    const { harness, events } = await harnessFor(database);
    try {
      await harness.send([...events].sort((a, b) => a.occurredAt - b.occurredAt));
      await workersOf(harness, 1, 1_000)[0]!.drain();
      reference = await outcome(harness);
    } finally {
      await harness.stop();
    }
  });

  it.each([1, 2, 3])('delivered shuffled, in random batches, with duplicates, to two workers (seed %i)', async (seed) => {
    const random = seededRandom(seed);
    const { harness, events } = await harnessFor(database);
    try {
      const deliveries = [...events, ...events.filter(() => random() < 0.2)];
      for (let i = deliveries.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
      }
      const workers = workersOf(harness, 2, 5 + Math.floor(random() * 40));
      for (let from = 0; from < deliveries.length; ) {
        const size = 1 + Math.floor(random() * 300);
        await harness.send(deliveries.slice(from, from + size));
        from += size;
        if (random() < 0.5) await Promise.all(workers.map((worker) => worker.runOnce()));
      }
      await Promise.all(workers.map((worker) => worker.drain()));

      expect(await harness.service.db.query('SELECT event_key, attempts, last_error FROM inbox WHERE processed_at IS NULL')).toEqual([]);
      const result = await outcome(harness);
      expect(reference.ledger.length).toBeGreaterThan(100);
      expect(result.activities).toEqual(reference.activities);
      expect(result.ledger).toEqual(reference.ledger);
      expect(result.contacts).toEqual(reference.contacts);
      expect(result.outbox).toEqual(reference.outbox);
    } finally {
      await harness.stop();
    }
  });
});
