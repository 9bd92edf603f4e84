import { HubspotGateway } from '../../src/hubspot/gateway';
import { createPortalLimiters } from '../../src/hubspot/limiter';
import type { TokenProvider } from '../../src/hubspot/token-provider';
import { silentLogger } from '../../src/log';
import { createHubspotSandbox, type ListeningSandbox } from '../../src/sandbox';

/**
 * The gateway against the emulator's HubSpot-style rolling limit, time-scaled so it stays fast:
 * 10 s becomes 300 ms; HubSpot's 110 stays 110 and our 100 stays 100.
 */
const WINDOW_MS = 300;

describe('gateway against the HubSpot emulator\u2019s rate limit (time-scaled)', () => {
  const sandbox = createHubspotSandbox({
    portals: [{ portalId: 1 }, { portalId: 2 }],
    rateLimit: { maxRequests: 110, windowMs: WINDOW_MS },
  });
  let server: ListeningSandbox;
  let gateway: HubspotGateway;

  beforeAll(async () => {
    server = await sandbox.listen();
    const tokens = new Map([1, 2].map((portalId) => [portalId, sandbox.issueTokens(portalId).accessToken]));
    const provider: TokenProvider = {
      accessToken: async (portalId) => tokens.get(portalId)!,
      refreshAfterRejection: async () => {
        throw new Error('no refresh expected');
      },
    };
    gateway = new HubspotGateway({
      apiBase: server.url,
      tokens: provider,
      logger: silentLogger,
      limiters: createPortalLimiters({ logger: silentLogger, maxRequests: 100, windowMs: WINDOW_MS, jitterMs: 30 }),
    });
  });
  afterAll(async () => {
    await gateway.close();
    await server.close();
  });

  it('a burst of 1,000 calls for one portal never exceeds the limit in any rolling window, and none is refused', async () => {
    const client = gateway.forPortal(1);
    const results = await Promise.all(Array.from({ length: 1000 }, () => client.properties.listGroups('contacts')));
    expect(results.every((groups) => groups.length > 0)).toBe(true);
    expect(sandbox.calls.count({ portalId: 1 })).toBe(1000);
    expect(sandbox.calls.count({ portalId: 1, status: 429 })).toBe(0);
    expect(sandbox.calls.maxInWindow(WINDOW_MS, { portalId: 1 })).toBeLessThanOrEqual(110);
  }, 60_000);

  it('two portals\u2019 limits are independent: portal 2 is served while portal 1 has a backlog', async () => {
    const backlog = Promise.all(Array.from({ length: 300 }, () => gateway.forPortal(1).properties.listGroups('contacts')));
    await gateway.forPortal(2).properties.listGroups('contacts');
    const portal1SoFar = sandbox.calls.count({ portalId: 1 });
    await backlog;
    expect(sandbox.calls.count({ portalId: 1 }) - portal1SoFar).toBeGreaterThan(100);
  }, 60_000);
});
