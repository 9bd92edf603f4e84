import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_PORTAL_SETTINGS } from '../src/domain/portal-settings';
import { LIMITS } from '../src/limits';
import { sendWebhooks, type WebhookEvent } from '../src/sandbox';
import { largestRoutingBody, largestScoringSettings } from '../test/support/largest-settings';
import { signedCall } from '../test/support/signed-fetch';
import { BENCH_USER, startBenchService } from './bench-service';
import type { BenchRow } from './gateway-overhead';

const PORTAL = 90_002;

interface LoopDelay {
  maxMs: number;
  p99Ms: number;
}

/** Samples every 5 ms for the whole run. */
const histogram = monitorEventLoopDelay({ resolution: 5 });

/** The event loop's longest and 99th-percentile delay while `work` runs. */
async function loopDelayDuring(work: () => Promise<unknown>): Promise<LoopDelay> {
  await sleep(50); // the loop is free: nothing before the work is counted
  histogram.reset();
  // After a reset the monitor's first sample only sets its clock: a turn blocked before it would go unseen.
  await sleep(20);
  await work();
  await sleep(50); // the sample after the work's last turn records that turn
  return { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6 };
}

/** A settings body with as many problems as fit in one request: 500-member pools of owners without availability. */
function settingsFullOfIssues(): unknown {
  const pool = (p: number) => ({
    id: `pool_${p}`,
    label: `Pool ${p}`,
    strategy: 'round_robin',
    managerOwnerId: '1',
    members: Array.from({ length: LIMITS.settings.membersPerPool }, (_, m) => ({ ownerId: String(m) })),
  });
  const withPools = (count: number) => ({ ...DEFAULT_PORTAL_SETTINGS, routing: { rules: [], defaultPool: 'pool_0', pools: Array.from({ length: count }, (_, p) => pool(p)), reps: {} } });
  let count = LIMITS.settings.pools;
  while (Buffer.byteLength(JSON.stringify({ settings: withPools(count) })) > LIMITS.api.settingsBodyBytes) count -= 1;
  return withPools(count);
}

/**
 * Routing whose every rule tests every value it has for each lead, as many values as fit in one request:
 * all conditions but the last hold (the lead's status is the last value listed), the last never does.
 */
function routingDraftOfValues(): unknown {
  const S = LIMITS.settings;
  const fillers = (count: number, rule: number, condition: number) => Array.from({ length: count }, (_, v) => `v${rule}.${condition}.${v}`);
  const withValues = (count: number) => ({
    ...DEFAULT_PORTAL_SETTINGS,
    routing: {
      useCompanyOwner: false,
      rules: Array.from({ length: S.routingRules }, (_, r) => ({
        id: `route_${r}`,
        label: `Route ${r}`,
        poolId: 'pool_0',
        when: Array.from({ length: S.conditionsPerRule }, (_, c) => ({
          subject: 'status',
          test: { op: 'in', values: c < S.conditionsPerRule - 1 ? [...fillers(count - 1, r, c), 'sql'] : fillers(count, r, c) },
        })),
      })),
      defaultPool: 'pool_0',
      pools: [{ id: 'pool_0', label: 'Pool', strategy: 'round_robin', managerOwnerId: '1000', members: [{ ownerId: '1000' }] }],
      reps: { 1000: { calendar: { timeZone: 'UTC', workingHours: { mon: [{ start: '00:00', end: '24:00' }] }, holidays: {} } } },
    },
  });
  let count = S.valuesPerTest;
  while (Buffer.byteLength(JSON.stringify({ draft: withValues(count), limit: 500 })) > LIMITS.api.settingsBodyBytes) count -= 1;
  return withValues(count);
}

/**
 * How long the service holds its event loop during heavy work, on the real service: a burst of new-contact
 * webhooks through the worker, then the contacts' journeys, a preview and a publish (with the portal's
 * rescore) of the largest scoring model the limits allow, and validation of the largest settings bodies.
 * Baseline: the same process's idle loop, measured in the same run.
 */
export async function eventLoopBench(kind: 'pglite' | 'postgres', contacts = 2_000): Promise<BenchRow[]> {
  const bench = await startBenchService(kind, {
    portalId: PORTAL,
    scenario: { seed: 7, contacts, days: 20, start: Date.now() - 20 * 86_400_000 },
    rateLimit: { maxRequests: 1_000_000, windowMs: 1000 },
  });
  const { sandbox, applied, service } = bench;
  const call = (path: string, body: unknown) => signedCall(service.url, 'POST', path, body, { portalId: PORTAL, userId: BENCH_USER, secret: sandbox.app.clientSecret });
  const deliver = async (events: WebhookEvent[]) => {
    const report = await sendWebhooks({ targetUrl: `${service.url}/webhooks/hubspot`, clientSecret: sandbox.app.clientSecret, events });
    if (report.failed > 0) throw new Error(`${report.failed} webhook requests failed`);
    await service.workers[0]!.drain();
  };
  const expectStatus = async (path: string, body: unknown, status: number) => {
    const answer = await call(path, body);
    if (answer.status !== status) throw new Error(`${path} answered ${answer.status}, not ${status}: ${JSON.stringify(answer.json).slice(0, 300)}`);
    return answer.json;
  };
  histogram.enable();
  try {
    const idle = await loopDelayDuring(() => sleep(1_000));
    const creations = applied.events.filter((event) => event.subscriptionType === 'contact.creation');
    const journeys = applied.events.filter((event) => event.subscriptionType !== 'contact.creation');
    const largest = largestScoringSettings();
    // Low thresholds, so that most leads become sales-ready and the routing preview has its 500 to route.
    const scoring = { ...largest, scoring: { ...largest.scoring, thresholds: { mql: 1, sql: 2, minGradeForSql: 'D' as const } } };
    const routing = largestRoutingBody();
    const issues = settingsFullOfIssues();
    const routingDraft = routingDraftOfValues();
    const measured: Array<[string, LoopDelay]> = [];
    const measure = async (name: () => string, work: () => Promise<unknown>) => {
      const delay = await loopDelayDuring(work);
      measured.push([name(), delay]);
    };
    await measure(() => `webhooks: ${creations.length} new contacts at once through the worker`, () => deliver(creations));
    await measure(() => `webhooks: their ${journeys.length} journey events through the worker`, () => deliver(journeys));
    await measure(() => `preview of the largest scoring model over ${contacts} contacts`, () => expectStatus('/api/settings/preview', { settings: scoring }, 200));
    await measure(
      () => `publish of the largest scoring model + rescore of ${contacts} contacts`,
      async () => {
        await expectStatus('/api/settings/publish', { settings: scoring }, 200);
        await service.rescorer.idle();
      },
    );
    let leads = 0;
    await measure(
      () => `routing preview of ${leads} sales-ready leads, a draft testing every value one request holds (${kb({ draft: routingDraft, limit: 500 })})`,
      async () => (leads = (await expectStatus('/api/settings/preview-routing', { draft: routingDraft, limit: 500 }, 200)).leads.length),
    );
    await measure(() => `validate: largest scoring model (${kb({ settings: scoring })})`, () => expectStatus('/api/settings/validate', { settings: scoring }, 200));
    await measure(() => `validate: largest routing + SLA (${kb({ settings: routing })})`, () => expectStatus('/api/settings/validate', { settings: routing }, 200));
    await measure(() => `validate: a body of issues (${kb({ settings: issues })})`, () => expectStatus('/api/settings/validate', { settings: issues }, 200));
    return measured.map(([name, delay]) => ({
      name: `event loop on ${kind}, ${name}: longest delay ms (p99)`,
      ours: `${delay.maxMs.toFixed(0)} (${delay.p99Ms.toFixed(0)})`,
      baseline: `${idle.maxMs.toFixed(0)} (${idle.p99Ms.toFixed(0)}) idle`,
      ratio: (delay.maxMs / Math.max(idle.maxMs, 1)).toFixed(1),
    }));
  } finally {
    histogram.disable();
    await bench.close();
  }
}

const kb = (body: unknown) => `${(Buffer.byteLength(JSON.stringify(body)) / 1024).toFixed(0)} KB`;
