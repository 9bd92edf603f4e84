import { Writable } from 'node:stream';
import pino from 'pino';
import { silentLogger, type Logger } from '../../src/log';
import { HubspotGateway, type HubspotGatewayOptions } from '../../src/hubspot/gateway';
import { createPortalLimiters } from '../../src/hubspot/limiter';
import type { TokenProvider } from '../../src/hubspot/token-provider';

/** Shared set-up for the gateway tests (not a test file itself). */

export const API = 'https://api.hubapi.com';

export const CONTACT = (id: string, properties: Record<string, string | null> = {}) => ({
  id,
  properties: { hs_object_id: id, ...properties },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-02T00:00:00.000Z',
  archived: false,
});

export const BATCH_OK = (results: unknown[]) => ({
  status: 'COMPLETE',
  results,
  startedAt: '2025-01-01T00:00:00.000Z',
  completedAt: '2025-01-01T00:00:01.000Z',
});

export interface FakeTokens extends TokenProvider {
  accessTokenCalls: number;
  rejections: string[];
}

/** `token-<portal>-<n>`, where n goes up at each refresh. */
export function fakeTokens(): FakeTokens {
  const generation = new Map<number, number>();
  const tokens: FakeTokens = {
    accessTokenCalls: 0,
    rejections: [],
    async accessToken(portalId) {
      tokens.accessTokenCalls += 1;
      return `token-${portalId}-${generation.get(portalId) ?? 1}`;
    },
    async refreshAfterRejection(portalId, rejected) {
      tokens.rejections.push(rejected);
      generation.set(portalId, (generation.get(portalId) ?? 1) + 1);
      return `token-${portalId}-${generation.get(portalId)}`;
    },
  };
  return tokens;
}

/** A sleep that returns at once and remembers what it was asked for. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

/** A logger whose lines the test can read. */
export function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** A gateway with fast limits, an instant sleep and a fixed random, unless told otherwise. */
export function testGateway(overrides: Partial<HubspotGatewayOptions> = {}): HubspotGateway {
  const logger = overrides.logger ?? silentLogger;
  return new HubspotGateway({
    apiBase: API,
    tokens: fakeTokens(),
    logger,
    limiters: createPortalLimiters({ logger, maxRequests: 1000, windowMs: 1000 }),
    searchLimiters: createPortalLimiters({ logger, maxRequests: 1000, windowMs: 1000, name: 'hubspot-search' }),
    sleep: async () => {},
    random: () => 0.5,
    ...overrides,
  });
}

/** The most timestamps in any closed window [t, t + windowMs]: the rolling count HubSpot applies, strictly. */
export function maxInRollingWindow(timestamps: number[], windowMs: number): number {
  const sorted = [...timestamps].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! > windowMs) start += 1;
    max = Math.max(max, end - start + 1);
  }
  return max;
}
