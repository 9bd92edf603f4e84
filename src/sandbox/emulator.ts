import express, { type Express } from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger, type Logger } from '../log';
import { associationRoutes } from './association-routes';
import { authenticate } from './authenticate';
import { CallLog } from './call-log';
import type { CrmGuards } from './crm-route';
import { errorHandler, unknownEndpoint } from './error-handler';
import { FaultInjector, type Faults } from './faults';
import { objectReadRoutes } from './object-read-routes';
import { objectSearchRoutes } from './object-search-routes';
import { objectWriteRoutes } from './object-write-routes';
import { oauthRoutes, type AppCredentials } from './oauth-routes';
import { OAuthStore, type IssuedTokens } from './oauth-store';
import { ownerRoutes } from './owner-routes';
import { appInstallRoutes } from './app-install-routes';
import { propertyRoutes } from './property-routes';
import { servedAs } from './route-paths';
import { SEARCH_SECONDLY, TEN_SECONDLY_ROLLING, rateLimit, type RateLimitPolicy } from './rate-limit';
import { KNOWN_SCOPES } from './scopes';
import { SandboxState, type NewPortal, type Portal } from './state';
import { userRoutes } from './user-routes';
import { userObjectRoutes } from './user-object';

export interface HubspotSandboxOptions {
  /** The clock for token expiry, rate-limit windows, timestamps and call accounting. Default `Date.now`. */
  now?: () => number;
  logger?: Logger;
  app?: Partial<AppCredentials>;
  /** Portals that exist from the start; default one portal with generated ids. */
  portals?: NewPortal[];
  /** The portal `/oauth/authorize` installs into; default the first portal. */
  installingPortalId?: number;
  accessTokenTtlSeconds?: number;
  /** Per-portal limit for non-search CRM calls; default 110 per rolling 10 s. */
  rateLimit?: RateLimitPolicy;
  /** Per-portal limit for search calls; default 5 per second. */
  searchRateLimit?: RateLimitPolicy;
  faults?: Faults;
  /** Seed for fault injection. */
  seed?: number;
}

export interface ListeningSandbox {
  url: string;
  close(): Promise<void>;
}

export interface HubspotSandbox {
  readonly app: Readonly<AppCredentials>;
  /** Portals, records, owners, properties, associations: arrange and assert with it. */
  readonly state: SandboxState;
  /** Every request served, for assertions on calls and rate behaviour. */
  readonly calls: CallLog;
  /** The express app, for supertest. */
  readonly handler: Express;
  listen(port?: number): Promise<ListeningSandbox>;
  setFaults(faults: Faults): void;
  setInstallingPortal(portalId: number): void;
  installingPortal(): Portal;
  /** Tokens for a portal without the OAuth dance (all known scopes unless given). */
  issueTokens(portalId: number, scopes?: string[]): IssuedTokens;
  /** Uninstall: refresh and access tokens of the portal stop working. */
  revokeRefreshTokens(portalId: number): void;
  expireAccessTokens(portalId: number): void;
}

const DEFAULT_APP: AppCredentials = { clientId: 'sandbox-client-id', clientSecret: 'sandbox-client-secret', appId: 3_000_001 };

/** A local HubSpot: OAuth, CRM objects, properties, owners, associations, users, rate limits and fault injection. */
export function createHubspotSandbox(options: HubspotSandboxOptions = {}): HubspotSandbox {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const app: AppCredentials = { ...DEFAULT_APP, ...options.app };
  const state = new SandboxState(now);
  for (const portal of options.portals ?? [{}]) state.createPortal(portal);
  let installingPortalId = options.installingPortalId ?? state.portals()[0]?.portalId;
  const tokens = new OAuthStore(now, options.accessTokenTtlSeconds ?? 1800);
  const calls = new CallLog();
  const faults = new FaultInjector(options.seed ?? 1, options.faults);

  const installingPortal = (): Portal => {
    if (installingPortalId === undefined) throw new Error('the sandbox has no portal to install into');
    return state.portal(installingPortalId);
  };

  const guards: CrmGuards = {
    authenticate: authenticate(tokens, now),
    rateLimit: rateLimit({ policy: options.rateLimit ?? TEN_SECONDLY_ROLLING, now, appId: app.appId }),
    searchRateLimit: rateLimit({ policy: options.searchRateLimit ?? SEARCH_SECONDLY, now, appId: app.appId, search: true }),
    faults: faults.middleware({ appId: app.appId, allow429: true }),
  };

  const handler = express();
  handler.disable('x-powered-by');
  handler.set('query parser', 'extended');
  handler.use((req, res, next) => {
    const at = now();
    res.on('finish', () => {
      const portalId = res.locals.portalId as number | undefined;
      const served = servedAs(res);
      const path = served.route ?? (req.route as { path?: string } | undefined)?.path ?? '(unmatched)';
      calls.record({ portalId: portalId ?? null, method: req.method, path, version: served.version, status: res.statusCode, at });
    });
    next();
  });
  handler.use(oauthRoutes({
    app, tokens, now, installingPortal,
    portalDomain: (portalId) => state.portal(portalId).domain,
    faults: faults.middleware({ appId: app.appId, allow429: false }),
  }));
  handler.use(userObjectRoutes(state, guards)); // before the generic object routes: the users object is its own
  handler.use(propertyRoutes(state, guards, now));
  handler.use(objectSearchRoutes(state, guards));
  handler.use(objectReadRoutes(state, guards, now));
  handler.use(objectWriteRoutes(state, guards, now));
  handler.use(ownerRoutes(state, guards));
  handler.use(associationRoutes(state, guards, now));
  handler.use(userRoutes(state, guards));
  handler.use(appInstallRoutes(tokens, guards));
  handler.use(unknownEndpoint);
  handler.use(errorHandler(logger));

  return {
    app,
    state,
    calls,
    handler,
    async listen(port = 0) {
      const server = createServer(handler);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      logger.info({ url }, 'sandbox: HubSpot emulator listening');
      return {
        url,
        close: () => new Promise<void>((resolve, reject) => {
          server.close((err) => (err ? reject(err) : resolve()));
          server.closeAllConnections();
        }),
      };
    },
    setFaults: (next) => faults.set(next),
    setInstallingPortal(portalId) {
      state.portal(portalId);
      installingPortalId = portalId;
    },
    installingPortal,
    issueTokens(portalId, scopes = [...KNOWN_SCOPES]) {
      const portal = state.portal(portalId);
      return tokens.issueTokens({ portalId, userId: portal.user.id, userEmail: portal.user.email, scopes });
    },
    revokeRefreshTokens: (portalId) => tokens.revokeTokens(portalId),
    expireAccessTokens: (portalId) => tokens.expireAccessTokens(portalId),
  };
}
