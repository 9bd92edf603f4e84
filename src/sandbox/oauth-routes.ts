import express, { Router, type Request } from 'express';
import { randomUUID } from 'node:crypto';
import { HubspotHttpError, crmError } from './hubspot-errors';
import { introspect } from './oauth-introspect';
import type { Grant, IssuedTokens, OAuthStore } from './oauth-store';
import { ROUTES, mountRoute } from './route-paths';
import { KNOWN_SCOPES } from './scopes';
import type { Portal } from './state';

export interface AppCredentials {
  clientId: string;
  clientSecret: string;
  appId: number;
  /** When set, `redirect_uri` must be one of these. */
  redirectUris?: string[];
}

/** The 400 body of HubSpot's token endpoints: `{ status: 'BAD_…', message, correlationId }`. */
function tokenError(status: string, message: string, httpStatus = 400): HubspotHttpError {
  return new HubspotHttpError(httpStatus, { status, message, correlationId: randomUUID() });
}

function scopeList(value: unknown): string[] {
  return typeof value === 'string' ? value.split(/[\s+,]+/).filter((s) => s !== '') : [];
}

const formBody = express.urlencoded({ extended: false });

function checkClient(app: AppCredentials, body: Record<string, string>): void {
  if (body.client_id !== app.clientId) throw tokenError('BAD_CLIENT_ID', 'missing or unknown client id');
  if (body.client_secret !== app.clientSecret) throw tokenError('BAD_CLIENT_SECRET', 'missing or invalid client secret');
}

function form(req: Request): Record<string, string> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

/**
 * The OAuth side: authorize (auto-approved for the installing portal, with the optional scopes it can grant), token (authorization_code and
 * refresh_token grants, at `/oauth/v1/token` and the dated `/oauth/<version>/token`), introspection (dated only), the v1 token metadata
 * reads and refresh-token deletion. Not rate limited per portal.
 */
export function oauthRoutes(options: {
  app: AppCredentials;
  tokens: OAuthStore;
  installingPortal: () => Portal;
  portalDomain: (portalId: number) => string;
  now: () => number;
  faults: express.RequestHandler;
}): Router {
  const { app, tokens, now } = options;
  const router = Router();

  router.get('/oauth/authorize', (req, res) => {
    const clientId = String(req.query.client_id ?? '');
    const redirectUri = String(req.query.redirect_uri ?? '');
    if (clientId !== app.clientId) throw crmError(400, 'VALIDATION_ERROR', `Unknown client_id: ${clientId}`);
    if (!redirectUri || (app.redirectUris && !app.redirectUris.includes(redirectUri))) {
      throw crmError(400, 'VALIDATION_ERROR', `redirect_uri is not one of the app's redirect URLs: ${redirectUri}`);
    }
    const target = new URL(redirectUri);
    const state = typeof req.query.state === 'string' ? req.query.state : undefined;
    if (state !== undefined) target.searchParams.set('state', state);
    const required = scopeList(req.query.scope);
    const unknown = required.filter((s) => !KNOWN_SCOPES.has(s));
    if (unknown.length > 0 || required.length === 0) {
      target.searchParams.set('error', 'invalid_scope');
      target.searchParams.set('error_description', unknown.length > 0 ? `Unknown scope(s): ${unknown.join(' ')}` : 'No scope requested');
      return res.redirect(302, target.toString());
    }
    const portal = options.installingPortal();
    const optional = scopeList(req.query.optional_scope).filter((s) => KNOWN_SCOPES.has(s) && !portal.withheldScopes.has(s));
    const grant: Grant = { portalId: portal.portalId, userId: portal.user.id, userEmail: portal.user.email, scopes: [...new Set([...required, ...optional])] };
    target.searchParams.set('code', tokens.issueCode(grant, redirectUri));
    res.redirect(302, target.toString());
  });

  mountRoute(router, 'post', ROUTES.oauthToken, options.faults, formBody, (req, res) => {
    const body = form(req);
    checkClient(app, body);
    let grant: Grant;
    let issued: IssuedTokens;
    if (body.grant_type === 'authorization_code') {
      const entry = body.code ? tokens.redeemCode(body.code) : undefined;
      if (!entry) throw tokenError('BAD_AUTH_CODE', 'missing or unknown auth code');
      if (entry.redirectUri !== body.redirect_uri) throw tokenError('BAD_REDIRECT_URI', 'redirect_uri does not match the one used to get the auth code');
      grant = entry.grant;
      issued = tokens.issueTokens(grant);
    } else if (body.grant_type === 'refresh_token') {
      const refreshed = body.refresh_token ? tokens.refresh(body.refresh_token) : undefined;
      if (!refreshed) throw tokenError('BAD_REFRESH_TOKEN', 'missing or invalid refresh token');
      ({ grant, ...issued } = refreshed);
    } else {
      throw tokenError('BAD_GRANT_TYPE', `unsupported grant_type: ${body.grant_type ?? '(none)'}`);
    }
    res.json({
      token_type: 'bearer', token_use: 'access_token', refresh_token: issued.refreshToken, access_token: issued.accessToken, expires_in: issued.expiresIn,
      hub_id: grant.portalId, scopes: grant.scopes,
    });
  });

  mountRoute(router, 'post', ROUTES.oauthIntrospect, options.faults, formBody, (req, res) => {
    const body = form(req);
    checkClient(app, body);
    if (!body.token) throw tokenError('BAD_REQUEST', 'missing token');
    res.json(introspect({ app, tokens, now, portalDomain: options.portalDomain }, body.token, body.token_type_hint));
  });

  mountRoute(router, 'get', ROUTES.accessTokenInfo, options.faults, (req, res) => {
    const access = tokens.accessToken(req.params.token as string);
    if (!access) throw crmError(404, 'OBJECT_NOT_FOUND', 'Token not found');
    const remaining = Math.floor((access.expiresAt - now()) / 1000);
    if (remaining <= 0) throw crmError(401, 'EXPIRED_AUTHENTICATION', 'The access token has expired');
    const { grant } = access;
    res.json({
      token: access.token, user: grant.userEmail, hub_domain: options.portalDomain(grant.portalId), scopes: grant.scopes,
      hub_id: grant.portalId, app_id: app.appId, expires_in: remaining, user_id: grant.userId, token_type: 'access',
    });
  });

  mountRoute(router, 'get', ROUTES.refreshTokenInfo, options.faults, (req, res) => {
    const grant = tokens.refreshTokenGrant(req.params.token as string);
    if (!grant) throw crmError(404, 'OBJECT_NOT_FOUND', 'Token not found');
    res.json({
      token: req.params.token, user: grant.userEmail, hub_domain: options.portalDomain(grant.portalId), scopes: grant.scopes,
      hub_id: grant.portalId, client_id: app.clientId, user_id: grant.userId, token_type: 'refresh',
    });
  });

  mountRoute(router, 'delete', ROUTES.refreshTokenInfo, options.faults, (req, res) => {
    if (!tokens.deleteRefreshToken(req.params.token as string)) throw crmError(404, 'OBJECT_NOT_FOUND', 'Token not found');
    res.status(204).end();
  });

  return router;
}
