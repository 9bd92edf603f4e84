/**
 * The load generator of bench/ingest.ts, in its own process so that its CPU does not compete with the
 * server it measures. It answers each `LoadJob` message with a `LoadResult`: HubSpot-shaped, signed
 * 100-event POSTs, `concurrency` in flight over keep-alive connections.
 */
import { Agent, request } from 'node:http';
import { signV3 } from '../src/hubspot/signature';

export interface LoadJob {
  /** Where to send (the server's local address). */
  url: string;
  /** The public URI the signature covers (APP_BASE_URL + path), as HubSpot signs it. */
  signedUri: string;
  clientSecret: string;
  portalId: number;
  requests: number;
  concurrency: number;
  eventsPerRequest: number;
  /** Event ids start here, so that every run stores new events. */
  firstEventId: number;
}

export interface LoadResult {
  elapsedMs: number;
  /** Milliseconds from sending each request to its response's end. */
  latenciesMs: number[];
  /** Status codes other than 200, with their counts. */
  failures: Record<string, number>;
}

const PROPERTIES = ['hs_analytics_num_page_views', 'hs_analytics_last_url', 'hs_email_last_open_date', 'recent_conversion_event_name'];

function bodies(job: LoadJob): string[] {
  const start = Date.now() - 60_000;
  return Array.from({ length: job.requests }, (_, r) =>
    JSON.stringify(
      Array.from({ length: job.eventsPerRequest }, (_, i) => {
        const eventId = job.firstEventId + r * job.eventsPerRequest + i;
        return {
          eventId,
          subscriptionId: 2_100_001,
          portalId: job.portalId,
          appId: 3_000_001,
          occurredAt: start + (eventId % 60_000),
          subscriptionType: 'contact.propertyChange',
          attemptNumber: 0,
          objectId: 10_000 + (eventId % 5_000),
          propertyName: PROPERTIES[eventId % PROPERTIES.length],
          propertyValue: `https://www.example-saas.com/pricing?utm_source=newsletter&visit=${eventId}`,
          changeSource: 'ANALYTICS',
        };
      }),
    ),
  );
}

async function run(job: LoadJob): Promise<LoadResult> {
  const payloads = bodies(job);
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const target = new URL(job.url);
  const latenciesMs: number[] = [];
  const failures: Record<string, number> = {};
  const send = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const timestamp = Date.now();
      const started = process.hrtime.bigint();
      const req = request(
        {
          agent,
          method: 'POST',
          hostname: target.hostname,
          port: target.port,
          path: target.pathname,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
            'X-HubSpot-Signature-v3': signV3({ clientSecret: job.clientSecret, method: 'POST', uri: job.signedUri, body, timestamp }),
            'X-HubSpot-Request-Timestamp': String(timestamp),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latenciesMs.push(Number(process.hrtime.bigint() - started) / 1e6);
            if (res.statusCode !== 200) failures[String(res.statusCode)] = (failures[String(res.statusCode)] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < payloads.length) await send(payloads[next++]!);
    }),
  );
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  agent.destroy();
  return { elapsedMs, latenciesMs, failures };
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send?.(result),
    (error: unknown) => process.send?.({ error: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
