import { Router, type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { readRawBody } from '../http/read-raw-body';
import { verifyHubspotRequest } from '../http/verify-hubspot-request';
import { LIMITS } from '../limits';
import type { Logger } from '../log';
import type { InstalledPortals } from '../ingest/webhook-portals';

/** Who is asking, established from a verified `hubspot.fetch` request: only then are the query ids trusted. */
export interface Caller {
  portalId: number;
  userId: number;
  userEmail: string | undefined;
}

export interface HubspotFetchAuthDeps {
  clientSecret: string;
  appBaseUrl: string;
  portals: InstalledPortals;
  logger: Logger;
  now: () => Date;
}

const callerQuery = z.object({
  portalId: z.coerce.number().int().positive(),
  userId: z.coerce.number().int().positive(),
  userEmail: z.string().optional(),
});

/**
 * Guards the card, settings and report APIs: HubSpot signs every `hubspot.fetch` request (v3) and appends
 * portalId, userId and userEmail to its query. The signature covers that URI, so after verifying it the ids
 * can be trusted; the portal must have the app installed. The JSON body is parsed only after that.
 */
export function hubspotFetchAuth(deps: HubspotFetchAuthDeps): Router {
  const router = Router();
  const settingsBody = readRawBody(LIMITS.api.settingsBodyBytes);
  const otherBody = readRawBody(LIMITS.api.bodyBytes);
  router.use((req, res, next) => (req.path === '/settings' || req.path.startsWith('/settings/') ? settingsBody : otherBody)(req, res, next));
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const { body, verified } = verifyHubspotRequest(req, deps);
    if (!verified.ok) {
      deps.logger.warn({ reason: verified.reason, path: req.path, ip: req.ip }, 'extension request refused: signature');
      res.status(401).json({ error: `signature ${verified.reason}` });
      return;
    }
    const query = callerQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: 'portalId and userId are required' });
      return;
    }
    try {
      if (!(await deps.portals.active([query.data.portalId])).has(query.data.portalId)) {
        deps.logger.warn({ portalId: query.data.portalId, path: req.path, ip: req.ip }, 'extension request refused: app not installed');
        res.status(403).json({ error: 'the app is not installed in this portal' });
        return;
      }
    } catch (error) {
      next(error);
      return;
    }
    if (body !== '') {
      try {
        req.body = JSON.parse(body) as unknown;
      } catch {
        res.status(400).json({ error: 'body is not JSON' });
        return;
      }
    } else req.body = undefined;
    res.locals.caller = { portalId: query.data.portalId, userId: query.data.userId, userEmail: query.data.userEmail } satisfies Caller;
    next();
  });
  const onBodyTooLarge: ErrorRequestHandler = (error, req, res, next) => {
    if ((error as { type?: unknown }).type !== 'entity.too.large') return next(error);
    deps.logger.warn({ path: req.path, ip: req.ip, contentLength: req.get('content-length') }, 'extension request refused: body too large');
    res.status(413).json({ error: (error as Error).message });
  };
  router.use(onBodyTooLarge);
  return router;
}

export function callerOf(res: Response): Caller {
  return res.locals.caller as Caller;
}

/** Parses a request body with its schema; answers 400 with the issues (paths and messages) when it does not fit. */
export function parseBody<T>(schema: z.ZodType<T>, req: Request, res: Response): T | undefined {
  const parsed = schema.safeParse(req.body);
  if (parsed.success) return parsed.data;
  res.status(400).json({
    error: 'invalid request',
    issues: parsed.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: issue.message })),
  });
  return undefined;
}

/** Sends JSON, refusing to exceed what `hubspot.fetch` accepts, and checked against its schema when given one. */
export function sendJson(res: Response, body: unknown, status = 200, schema?: z.ZodType): void {
  if (schema) schema.parse(body); // a response that breaks its contract is our bug: a 500, logged once by the error handler
  const text = JSON.stringify(body);
  if (Buffer.byteLength(text) > LIMITS.api.responseBytes) {
    res.status(500).json({ error: 'response too large' });
    return;
  }
  res.status(status).type('application/json').send(text);
}
