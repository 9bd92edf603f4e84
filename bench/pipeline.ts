import { sendWebhooks } from '../src/sandbox';
import { startBenchService } from './bench-service';
import type { BenchRow } from './gateway-overhead';

const PORTAL = 90_001;
const EVENTS_PER_CONTACT = 7.7; // what the scenario generator produces on average

/**
 * A sandbox scenario from webhook to HubSpot properties. Baseline: the same events only acked into the
 * inbox (HubSpot's side of the work) in the same run; ours: acked, scored and written back.
 */
export async function pipelineBench(kind: 'pglite' | 'postgres', events: number): Promise<BenchRow[]> {
  const bench = await startBenchService(kind, { portalId: PORTAL, scenario: { seed: 99, contacts: Math.round(events / EVENTS_PER_CONTACT), days: 30 } });
  const { sandbox, applied, service } = bench;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    const started = process.hrtime.bigint();
    const report = await sendWebhooks({ targetUrl: `${service.url}/webhooks/hubspot`, clientSecret: sandbox.app.clientSecret, events: applied.events });
    const acked = process.hrtime.bigint();
    const workers = service.workers.map((worker) => worker.drain());
    await Promise.all(workers);
    await service.writer.flushAll();
    const finished = process.hrtime.bigint();
    const seconds = (from: bigint, to: bigint) => Number(to - from) / 1e9;
    const calls = sandbox.calls.all({ portalId: PORTAL }).filter((call) => call.path.startsWith('/crm/'));
    const [written] = await service.db.query<{ n: number }>("SELECT count(*)::int AS n FROM contacts WHERE written <> '{}'::jsonb");
    const ackRate = report.delivered / seconds(started, acked);
    const endToEnd = report.delivered / seconds(started, finished);
    return [
      {
        name: `pipeline on ${kind}: ${report.delivered} events, ${applied.ids.contacts.size} contacts, webhook → HubSpot properties (events/s)`,
        ours: endToEnd.toFixed(0),
        baseline: `${ackRate.toFixed(0)} (ack into inbox only)`,
        ratio: (endToEnd / ackRate).toFixed(2),
      },
      {
        name: `pipeline on ${kind}: HubSpot calls per contact written (${written?.n ?? 0} written, ${calls.length} calls); peak RSS MB`,
        ours: (calls.length / Math.max(written?.n ?? 1, 1)).toFixed(3),
        baseline: `${(peakRss / 2 ** 20).toFixed(0)} MB peak RSS`,
        ratio: '-',
      },
    ];
  } finally {
    clearInterval(sampler);
    await bench.close();
  }
}

/**
 * Many portals at once, the service running as in production (its inbox workers and outbox writer in the
 * background), each portal with its own HubSpot budget so HubSpot is not the bound: events/s from the first
 * webhook sent to the last HubSpot write, and HubSpot calls per 1,000 events.
 */
export async function multiPortalPipelineBench(kind: 'pglite' | 'postgres', portals: number, eventsPerPortal: number): Promise<BenchRow[]> {
  const bench = await startBenchService(kind, {
    portalId: PORTAL + 100,
    portals,
    pipeline: true,
    scenario: { seed: 7, contacts: Math.round(eventsPerPortal / EVENTS_PER_CONTACT), days: 30 },
  });
  const { sandbox, service } = bench;
  try {
    const started = process.hrtime.bigint();
    const reports = await Promise.all(
      [...bench.portals.values()].map((applied) => sendWebhooks({ targetUrl: `${service.url}/webhooks/hubspot`, clientSecret: sandbox.app.clientSecret, events: applied.events })),
    );
    const acked = process.hrtime.bigint();
    const remaining = async () =>
      (await service.db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM inbox WHERE processed_at IS NULL AND dead_at IS NULL) + (SELECT count(*) FROM outbox) AS n`,
      ))[0]!.n;
    while ((await remaining()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    const finished = process.hrtime.bigint();
    const delivered = reports.reduce((sum, report) => sum + report.delivered, 0);
    const calls = [...bench.portals.keys()].reduce(
      (sum, portalId) => sum + sandbox.calls.all({ portalId }).filter((call) => call.path.startsWith('/crm/')).length,
      0,
    );
    const seconds = (from: bigint, to: bigint) => Number(to - from) / 1e9;
    const endToEnd = delivered / seconds(started, finished);
    return [
      {
        name: `pipeline on ${kind}, ${portals} portals: ${delivered} events, webhook → HubSpot properties, background workers (events/s)`,
        ours: endToEnd.toFixed(0),
        baseline: `${(delivered / seconds(started, acked)).toFixed(0)} (ack into inbox only)`,
        ratio: (endToEnd / (delivered / seconds(started, acked))).toFixed(2),
        key: `pipeline.${kind}.multiPortal.eventsPerSecond`,
        value: Math.round(endToEnd),
      },
      {
        name: `pipeline on ${kind}, ${portals} portals: HubSpot calls per 1,000 events`,
        ours: ((calls / delivered) * 1000).toFixed(1),
        baseline: '≤ 12 target',
        ratio: '-',
        key: `pipeline.${kind}.hubspotCallsPer1000Events`,
        value: Number(((calls / delivered) * 1000).toFixed(1)),
      },
    ];
  } finally {
    await bench.close();
  }
}
