import type { RequestHandler } from 'express';
import { crmError } from './hubspot-errors';
import type { RouteParams } from './crm-route';
import type { OAuthStore } from './oauth-store';

/**
 * Bearer-token authentication for `/crm/**`: the token decides the portal (`res.locals.portalId`, `res.locals.grant`).
 * Unknown tokens get 401 INVALID_AUTHENTICATION, expired ones 401 EXPIRED_AUTHENTICATION.
 */
export function authenticate(tokens: OAuthStore, now: () => number): RequestHandler {
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!match) {
      return next(crmError(401, 'INVALID_AUTHENTICATION',
        'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview'));
    }
    const access = tokens.accessToken(match[1]!);
    if (!access) return next(crmError(401, 'INVALID_AUTHENTICATION', 'The OAuth token used to make this call is not valid.'));
    const expiredFor = now() - access.expiresAt;
    if (expiredFor >= 0) {
      const minutes = Math.floor(expiredFor / 60_000);
      return next(crmError(401, 'EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${minutes} minute(s) ago.`));
    }
    res.locals.portalId = access.grant.portalId;
    res.locals.grant = access.grant;
    next();
  };
}

/** 403 MISSING_SCOPES unless the token holds one of `anyOf`. */
export function requireScopes(anyOf: (params: RouteParams) => string[]): RequestHandler {
  return (req, res, next) => {
    const granted = new Set((res.locals.grant as { scopes: string[] }).scopes);
    const wanted = anyOf(req.params);
    if (wanted.length === 0 || wanted.some((scope) => granted.has(scope))) return next();
    next(crmError(403, 'MISSING_SCOPES',
      "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
      { errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: wanted } }], links: { scopes: 'https://developers.hubspot.com/scopes' } }));
  };
}
