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
