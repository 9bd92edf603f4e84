import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { z } from 'zod';
import { requireScopes } from './authenticate';
import { crmError, validationError } from './hubspot-errors';
import { resolveObjectType, type ObjectType } from './object-types';
import { mountRoute, type ServedRoute } from './route-paths';

/** The middleware every `/crm/**` route runs, in order, before its handler. */
export interface CrmGuards {
  authenticate: RequestHandler;
  rateLimit: RequestHandler;
  searchRateLimit: RequestHandler;
  faults: RequestHandler;
}

/** Route parameters as express types them. */
export type RouteParams = Readonly<Record<string, string | string[] | undefined>>;

export interface CrmRouteSpec {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Served at its legacy path and at the dated path of every served version. */
  route: ServedRoute;
  /** Any one of these scopes allows the call. */
  scopes: (params: RouteParams) => string[];
  /** Search endpoints have their own rate limit. */
  search?: boolean;
}

export type CrmHandler = (req: Request, res: Response) => void | Promise<void>;

const jsonBody = express.json({ limit: '5mb' });

/**
 * Mounts a CRM route (on each of its paths) behind authentication, scopes, the portal's rate limit and fault injection. Guards are
 * route-level (not app-level) so that every answer, 401 and 429 included, is accounted under its route pattern.
 */
export function crmRoute(router: Router, guards: CrmGuards, spec: CrmRouteSpec, handler: CrmHandler): void {
  mountRoute(
    router,
    spec.method,
    spec.route,
    guards.authenticate,
    requireScopes(spec.scopes),
    spec.search ? guards.searchRateLimit : guards.rateLimit,
    guards.faults,
    jsonBody,
    handler as RequestHandler,
  );
}

/** The path's object type, by name or id; HubSpot answers 400 for one it can't resolve. */
export function objectTypeParam(params: RouteParams, name = 'objectType'): ObjectType {
  const raw = String(params[name] ?? '');
  const type = resolveObjectType(raw);
  if (!type) throw crmError(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${raw}`);
  return type;
}

/** Parses a JSON body with a zod schema; a mismatch is HubSpot's 400 VALIDATION_ERROR. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  throw validationError(`Invalid input JSON: ${details.join('; ')}`, {
    errors: parsed.error.issues.map((issue) => ({ message: issue.message, in: issue.path.join('.') })),
  });
}

export function portalIdOf(res: Response): number {
  return res.locals.portalId as number;
}

/** `properties=a,b` or `properties=a&properties=b`. */
export function listParam(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

export function intParam(value: unknown, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw validationError(`Invalid integer: ${String(value)}`);
  return n;
}
