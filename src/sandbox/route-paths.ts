import type { RequestHandler, Response, Router } from 'express';
import { SERVED_API_VERSIONS } from './api-versions';

/**
 * A route the emulator serves. `route` is its name in the call log: the dated path pattern with `:version` in place
 * of the version (served once per entry of SERVED_API_VERSIONS), or the literal legacy pattern for a route HubSpot
 * has no dated version of. `legacy` is the v1/v3/v4 path the same handler also answers.
 */
export interface ServedRoute {
  route: string;
  legacy?: string;
}

const VERSION = ':version';

/** Every route the emulator serves, by name. */
export const ROUTES = {
  objects: { route: '/crm/objects/:version/:objectType', legacy: '/crm/v3/objects/:objectType' },
  object: { route: '/crm/objects/:version/:objectType/:objectId', legacy: '/crm/v3/objects/:objectType/:objectId' },
  batchRead: { route: '/crm/objects/:version/:objectType/batch/read', legacy: '/crm/v3/objects/:objectType/batch/read' },
  batchUpdate: { route: '/crm/objects/:version/:objectType/batch/update', legacy: '/crm/v3/objects/:objectType/batch/update' },
  search: { route: '/crm/objects/:version/:objectType/search', legacy: '/crm/v3/objects/:objectType/search' },
  associationsBatchRead: {
    route: '/crm/associations/:version/:fromObjectType/:toObjectType/batch/read',
    legacy: '/crm/v4/associations/:fromObjectType/:toObjectType/batch/read',
  },
  recordAssociations: { route: '/crm/v4/objects/:objectType/:objectId/associations/:toObjectType' },
  properties: { route: '/crm/properties/:version/:objectType', legacy: '/crm/v3/properties/:objectType' },
  property: { route: '/crm/properties/:version/:objectType/:propertyName', legacy: '/crm/v3/properties/:objectType/:propertyName' },
  propertiesBatchRead: { route: '/crm/properties/:version/:objectType/batch/read', legacy: '/crm/v3/properties/:objectType/batch/read' },
  propertiesBatchCreate: { route: '/crm/properties/:version/:objectType/batch/create', legacy: '/crm/v3/properties/:objectType/batch/create' },
  propertyGroups: { route: '/crm/properties/:version/:objectType/groups', legacy: '/crm/v3/properties/:objectType/groups' },
  propertyGroup: { route: '/crm/properties/:version/:objectType/groups/:groupName', legacy: '/crm/v3/properties/:objectType/groups/:groupName' },
  owners: { route: '/crm/owners/:version', legacy: '/crm/v3/owners' },
  owner: { route: '/crm/owners/:version/:ownerId', legacy: '/crm/v3/owners/:ownerId' },
  user: { route: '/settings/v3/users/:userId' },
  oauthToken: { route: '/oauth/:version/token', legacy: '/oauth/v1/token' },
  oauthIntrospect: { route: '/oauth/:version/token/introspect' },
  accessTokenInfo: { route: '/oauth/v1/access-tokens/:token' },
  refreshTokenInfo: { route: '/oauth/v1/refresh-tokens/:token' },
  appUninstall: { route: '/appinstalls/:version/external-install', legacy: '/appinstalls/v3/external-install' },
} as const satisfies Record<string, ServedRoute>;

/**
 * The names calls are recorded under, for filtering the call log by route whatever version was called:
 * `calls.count({ path: callPaths.batchUpdate })`; add `version: '2026-03'` to tell the dated path from the legacy one.
 */
export const callPaths = Object.fromEntries(Object.entries(ROUTES).map(([name, { route }]) => [name, route])) as {
  readonly [Name in keyof typeof ROUTES]: (typeof ROUTES)[Name]['route'];
};

/** `v3` in `/crm/v3/owners`, `2026-03` in `/crm/owners/2026-03`; null for unversioned paths like `/oauth/authorize`. */
function versionIn(path: string): string | null {
  return /\/(v\d+)\//.exec(`${path}/`)?.[1] ?? null;
}

/** The paths a route answers on: its legacy path, then one dated path per served version. */
export function servedPaths({ route, legacy }: ServedRoute): { path: string; version: string | null }[] {
  if (!route.includes(VERSION)) return [{ path: route, version: versionIn(route) }];
  return [
    ...(legacy ? [{ path: legacy, version: versionIn(legacy) }] : []),
    ...SERVED_API_VERSIONS.map((version) => ({ path: route.replace(VERSION, version), version })),
  ];
}

/** Mounts one handler chain on every path of a route, marking each request with the route and the version called. */
export function mountRoute(
  router: Router,
  method: 'get' | 'post' | 'patch' | 'delete',
  served: ServedRoute,
  ...handlers: RequestHandler[]
): void {
  for (const { path, version } of servedPaths(served)) {
    const markServed: RequestHandler = (_req, res, next) => {
      res.locals.servedRoute = served.route;
      res.locals.apiVersion = version;
      next();
    };
    router[method](path, markServed, ...handlers);
  }
}

/** The route name and version a request was served under, for the call log. */
export function servedAs(res: Response): { route?: string; version: string | null } {
  return { route: res.locals.servedRoute as string | undefined, version: (res.locals.apiVersion as string | null | undefined) ?? null };
}

/** Whether the request came in on a date-based path (rules HubSpot only applies there). */
export function isDatedCall(res: Response): boolean {
  const { version } = servedAs(res);
  return version !== null && SERVED_API_VERSIONS.includes(version);
}
