import type { Registry } from 'prom-client';
import type { Logger } from '../log';
import { hubspotApiPaths, type ApiPaths } from './api-paths';
import { createGatewayCall, type GatewayCall } from './gateway-call';
import { createCallCounter, type CallOutcome, type CountCall } from './gateway-metrics';
import { createPortalClient, type PortalClient } from './gateway-portal-client';
import { createPortalLimiters, type PortalLimiters } from './limiter';
import { DEFAULT_RETRY, type RetryOptions } from './retry';
import type { TokenProvider } from './token-provider';

export interface HubspotGatewayOptions {
  /** e.g. https://api.hubapi.com, or the sandbox emulator. */
  apiBase: string;
  /** HubSpot's date-based API version (default DEFAULT_HUBSPOT_API_VERSION). */
  apiVersion?: string;
  tokens: TokenProvider;
  logger: Logger;
  /** The 110 / 10 s quota (createPortalLimiters). */
  limiters: PortalLimiters;
  /**
   * The separate search quota (HubSpot: 5/s per portal, not counted in the 110 / 10 s). Default: at most 4 in any
   * rolling second (calls ≥334 ms apart), in this process only: pass a clustered one when limiters are clustered.
   */
  searchLimiters?: PortalLimiters;
  retry?: Partial<RetryOptions>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Counts calls by operation and outcome when given. */
  registry?: Registry;
  /** Told of each call's outcome with its portal (the operator API's per-portal counts). */
  onCall?: (portalId: number, outcome: CallOutcome) => void;
  /** A call still running after this long frees its limiter slot and is retried as a timeout. Default 60 s. */
  jobTimeoutMs?: number;
}

/** The only way the app calls HubSpot: per-portal rate limits, retries, typed results. */
export class HubspotGateway {
  private readonly call: GatewayCall;
  private readonly limiters: PortalLimiters;
  private readonly searchLimiters: PortalLimiters;
  private readonly paths: ApiPaths;

  constructor(options: HubspotGatewayOptions) {
    this.limiters = options.limiters;
    this.paths = hubspotApiPaths(options.apiVersion);
    this.searchLimiters =
      options.searchLimiters ??
      createPortalLimiters({ logger: options.logger, maxRequests: 4, windowMs: 1000, jitterMs: 0, maxConcurrent: 4, name: 'hubspot-search' });
    this.call = createGatewayCall({
      apiBase: options.apiBase,
      tokens: options.tokens,
      logger: options.logger,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
      countCall: withPortalOutcomes(createCallCounter(options.registry), options.onCall),
      jobTimeoutMs: options.jobTimeoutMs ?? 60_000,
    });
  }

  forPortal(portalId: number): PortalClient {
    return createPortalClient(portalId, (operation, request, quota = 'default') => {
      const limiters = quota === 'search' ? this.searchLimiters : this.limiters;
      return this.call(portalId, operation, limiters.forPortal(portalId), request);
    }, this.paths);
  }

  /** Disconnects the limiters (and their Redis connections). Calls still queued never run: drain first. */
  async close(): Promise<void> {
    await Promise.all([this.limiters.disconnect(), this.searchLimiters.disconnect()]);
  }
}

const withPortalOutcomes = (count: CountCall, onCall: HubspotGatewayOptions['onCall']): CountCall =>
  onCall ? (operation, outcome, portalId) => (count(operation, outcome, portalId), onCall(portalId, outcome)) : count;
