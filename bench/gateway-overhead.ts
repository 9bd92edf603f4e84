import { Client } from '@hubspot/api-client';
import { HubspotGateway } from '../src/hubspot/gateway';
import { createPortalLimiters } from '../src/hubspot/limiter';
import { silentLogger } from '../src/log';
import { createHubspotSandbox } from '../src/sandbox';

export interface BenchRow {
  name: string;
  ours: string;
  baseline: string;
  ratio: string;
  /** Where the figure goes in bench/results.json's `figures`, for comparing runs across commits. */
  key?: string;
  value?: number;
}

/**
 * What the gateway (limiter + token + retry + mapping) costs per call, against the bare SDK making the
 * same batch reads to the same local emulator in the same run. The limiter is set far above the calls
 * made so that only overhead is measured, not pacing.
 */
export async function gatewayOverhead(calls = 2000, concurrency = 10): Promise<BenchRow[]> {
  const sandbox = createHubspotSandbox({ portals: [{ portalId: 1 }], rateLimit: { maxRequests: 1_000_000, windowMs: 1000 } });
  const ids: string[] = [];
  for (let i = 0; i < 100; i += 1) {
    ids.push(sandbox.state.createRecord(1, 'contacts', { email: `c${i}@example.com`, firstname: `C${i}` }).id);
  }
  const server = await sandbox.listen();
  const { accessToken } = sandbox.issueTokens(1);
  const gateway = new HubspotGateway({
    apiBase: server.url,
    tokens: { accessToken: async () => accessToken, refreshAfterRejection: async () => accessToken },
    logger: silentLogger,
    limiters: createPortalLimiters({ logger: silentLogger, maxRequests: 1_000_000, windowMs: 1000, jitterMs: 0, maxConcurrent: concurrency }),
  });
  const properties = ['email', 'firstname'];

  const run = async (call: () => Promise<unknown>) => {
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < calls) {
          next += 1;
          await call();
        }
      }),
    );
    return calls / (Number(process.hrtime.bigint() - started) / 1e9);
  };

  try {
    const sdk = () =>
      new Client({ accessToken, basePath: server.url }).crm.contacts.batchApi.read({
        inputs: ids.map((id) => ({ id })),
        properties,
        propertiesWithHistory: [],
      });
    const ours = () => gateway.forPortal(1).contacts.batchRead(ids, properties);
    await run(sdk); // warm-up of both paths
    await run(ours);
    const baseline = await run(sdk);
    const measured = await run(ours);
    return [
      {
        name: `batch read of 100 contacts, ${calls} calls, ${concurrency} at once (calls/s)`,
        ours: measured.toFixed(0),
        baseline: `${baseline.toFixed(0)} (bare SDK)`,
        ratio: (measured / baseline).toFixed(2),
      },
    ];
  } finally {
    await gateway.close();
    await server.close();
  }
}
