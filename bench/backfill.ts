import { TEN_SECONDLY_ROLLING } from '../src/sandbox/rate-limit';
import { startBenchService } from './bench-service';
import type { BenchRow } from './gateway-overhead';
import { callPaths } from '../src/sandbox/route-paths';

const PORTAL = 95_001;
/** HubSpot's budget for a portal's non-search calls: 110 per rolling 10 s. */
const HUBSPOT_CALLS_PER_SECOND = TEN_SECONDLY_ROLLING.maxRequests / (TEN_SECONDLY_ROLLING.windowMs / 1000);

/**
 * A portal's existing contacts backfilled by the service as in production (its outbox writer in the
 * background) against the emulator enforcing HubSpot's per-portal limit: contacts/s from the start of the
 * backfill until every contact's properties are written in HubSpot. Baseline: the rate HubSpot's budget
 * allows for the calls this run made (contacts ÷ (calls ÷ 11/s)), so the ratio is how close the backfill
 * comes to being bound by HubSpot alone.
 */
export async function backfillBench(kind: 'pglite' | 'postgres', contacts: number): Promise<BenchRow[]> {
  const bench = await startBenchService(kind, {
    portalId: PORTAL,
    scenario: { seed: 31, contacts, days: 30 },
    rateLimit: TEN_SECONDLY_ROLLING,
    pipeline: true,
  });
  const { sandbox, applied, service } = bench;
  try {
    // Installing read properties and owners; only the backfill's own calls count.
    sandbox.calls.clear();
    const started = process.hrtime.bigint();
    const progress = await service.backfill.run(PORTAL);
    if (progress.state !== 'done') throw new Error(`the backfill ended ${progress.state} after ${progress.done} contacts`);
    const pending = async () => (await service.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE portal_id = $1', [PORTAL]))[0]!.n;
    while ((await pending()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const ids = [...applied.ids.contacts.values()];
    const unwritten = ids.filter((id) => sandbox.state.properties(PORTAL, 'contacts', id)?.lm_score === undefined).length;
    if (unwritten > 0) throw new Error(`${unwritten} of ${ids.length} contacts have no score in HubSpot after the backfill`);
    const byRoute = sandbox.calls.countBy('route', { portalId: PORTAL });
    const crm = sandbox.calls.all({ portalId: PORTAL }).filter((call) => call.path.startsWith('/crm/'));
    // Searches (the one that counts the contacts) have their own quota, outside the 110 per 10 s.
    const budgeted = crm.filter((call) => !call.path.endsWith('/search'));
    const reads = byRoute[`GET ${callPaths.objects}`] ?? 0;
    const updates = byRoute[`POST ${callPaths.batchUpdate}`] ?? 0;
    const historyReads = byRoute[`POST ${callPaths.batchRead}`] ?? 0;
    const rejected = budgeted.filter((call) => call.status === 429).length;

    const ours = ids.length / seconds;
    const apiBound = ids.length / (budgeted.length / HUBSPOT_CALLS_PER_SECOND);
    return [
      {
        name: `backfill on ${kind}: ${ids.length} contacts read, scored and written back, HubSpot limits on (contacts/s; baseline: HubSpot-bound rate for the calls made)`,
        ours: ours.toFixed(0),
        baseline: `${apiBound.toFixed(0)} (${budgeted.length} calls at ${HUBSPOT_CALLS_PER_SECOND}/s)`,
        ratio: (ours / apiBound).toFixed(2),
        key: `backfill.${kind}.contactsPerSecond`,
        value: Math.round(ours),
      },
      {
        name: `backfill on ${kind}: HubSpot calls per 100 contacts (${reads} page reads, ${historyReads} history reads, ${updates} batch updates, ${budgeted.length - reads - historyReads - updates} other, ${rejected} answered 429; ${crm.length - budgeted.length} search)`,
        ours: ((budgeted.length / ids.length) * 100).toFixed(2),
        baseline: '2 (one page read, one batch update; history reads come on top)',
        ratio: ((budgeted.length / ids.length) * 100 / 2).toFixed(2),
        key: `backfill.${kind}.hubspotCallsPer100Contacts`,
        value: Number(((budgeted.length / ids.length) * 100).toFixed(2)),
      },
    ];
  } finally {
    await bench.close();
  }
}
