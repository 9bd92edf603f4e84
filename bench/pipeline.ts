import { sendWebhooks } from '../src/sandbox';
import { startBenchService } from './bench-service';
import type { BenchRow } from './gateway-overhead';

const PORTAL = 90_001;
const EVENTS_PER_CONTACT = 7.7; // what the scenario generator produces on average

/** HubSpot's sustained per-portal budget: 110 calls per rolling 10 s. */
const HUBSPOT_CALLS_PER_SECOND = 11;

/**
 * One portal from webhook to HubSpot properties, the service running as in production. One portal's HubSpot
 * budget bounds it, so beside events/s it reports how close it comes to the ceiling that 11 calls/s and the
 * run's own calls per event allow.
 */
export async function pipelineBench(kind: 'pglite' | 'postgres', events: number): Promise<BenchRow[]> {
  const rows = await multiPortalPipelineBench(kind, 1, events);
  const { delivered, calls, eventsPerSecond } = rows.measured;
  const ceiling = HUBSPOT_CALLS_PER_SECOND / (calls / delivered);
  return [
    {
      name: `pipeline on ${kind}, one portal: ${delivered} events, webhook → HubSpot properties (events/s)`,
      ours: eventsPerSecond.toFixed(0),
      baseline: `${ceiling.toFixed(0)} (11 calls/s ÷ ${((calls / delivered) * 1000).toFixed(1)} calls per 1,000 events)`,
      ratio: (eventsPerSecond / ceiling).toFixed(2),
      key: `pipeline.${kind}.singlePortal.ceilingRatio`,
      value: Number((eventsPerSecond / ceiling).toFixed(2)),
    },
    { ...rows[1]!, key: `pipeline.${kind}.singlePortal.hubspotCallsPer1000Events` },
  ];
}

/**
 * Many portals at once, the service running as in production (its inbox workers and outbox writer in the
 * background), each portal with its own HubSpot budget so HubSpot is not the bound: events/s from the first
 * webhook sent to the last HubSpot write, and HubSpot calls per 1,000 events.
 */
export async function multiPortalPipelineBench(
  kind: 'pglite' | 'postgres',
  portals: number,
  eventsPerPortal: number,
): Promise<BenchRow[] & { measured: { delivered: number; calls: number; eventsPerSecond: number } }> {
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
    // Cheap to ask (the first row of two indexes), so that watching for the end takes little from the run.
    const busy = async () =>
      (await service.db.query<{ busy: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM inbox WHERE processed_at IS NULL AND dead_at IS NULL) OR EXISTS (SELECT 1 FROM outbox) AS busy`,
      ))[0]!.busy;
    while (await busy()) await new Promise((resolve) => setTimeout(resolve, 100));
    const finished = process.hrtime.bigint();
    const delivered = reports.reduce((sum, report) => sum + report.delivered, 0);
    const calls = [...bench.portals.keys()].reduce(
      (sum, portalId) => sum + sandbox.calls.all({ portalId }).filter((call) => call.path.startsWith('/crm/')).length,
      0,
    );
    const seconds = (from: bigint, to: bigint) => Number(to - from) / 1e9;
    const endToEnd = delivered / seconds(started, finished);
    const rows: BenchRow[] = [
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
    return Object.assign(rows, { measured: { delivered, calls, eventsPerSecond: endToEnd } });
  } finally {
    await bench.close();
  }
}
