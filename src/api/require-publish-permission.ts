import type { RequestHandler } from 'express';
import type { PublishPermissionCheck } from '../access/publish-permission';
import { callerOf, sendJson } from './hubspot-fetch-auth';

/** Guards a route that changes the portal's settings: anyone else gets 403 with a sentence saying who may. */
export function requirePublishPermission(permission: PublishPermissionCheck): RequestHandler {
  return async (_req, res, next) => {
    const decision = await permission(callerOf(res));
    if (decision.canPublish) return next();
    sendJson(res, { error: 'forbidden', message: decision.reason }, 403);
  };
}
