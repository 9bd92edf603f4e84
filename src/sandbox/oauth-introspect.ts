import type { AppCredentials } from './oauth-routes';
import type { Grant, OAuthStore } from './oauth-store';

export interface IntrospectContext {
  app: AppCredentials;
  tokens: OAuthStore;
  now: () => number;
  portalDomain: (portalId: number) => string;
}

type TokenTypeHint = 'access_token' | 'refresh_token';

/**
 * HubSpot's token introspection answer (`POST /oauth/<version>/token/introspect`): for a live token, `active: true`
 * with `token_use` (access_token | refresh_token), the portal (`hub_id`), the installing user, the app and the scopes;
 * access tokens add `expires_in`. An unknown, expired or revoked token is `{ active: false }`, answered 200.
 */
export function introspect(context: IntrospectContext, token: string, hint: string | undefined): Record<string, unknown> {
  const order: TokenTypeHint[] = hint === 'refresh_token' ? ['refresh_token', 'access_token'] : ['access_token', 'refresh_token'];
  for (const use of order) {
    const answer = use === 'access_token' ? accessTokenAnswer(context, token) : refreshTokenAnswer(context, token);
    if (answer) return answer;
  }
  return { active: false };
}

function grantFields(context: IntrospectContext, grant: Grant): Record<string, unknown> {
  return {
    hub_id: grant.portalId,
    hub_domain: context.portalDomain(grant.portalId),
    user_id: grant.userId,
    user: grant.userEmail,
    client_id: context.app.clientId,
    app_id: context.app.appId,
    scopes: grant.scopes,
    is_private_distribution: false,
  };
}

function accessTokenAnswer(context: IntrospectContext, token: string): Record<string, unknown> | undefined {
  const access = context.tokens.accessToken(token);
  if (!access) return undefined;
  const expiresIn = Math.floor((access.expiresAt - context.now()) / 1000);
  if (expiresIn <= 0) return undefined;
  return { active: true, token_use: 'access_token', token, ...grantFields(context, access.grant), token_type: 'access', expires_in: expiresIn };
}

function refreshTokenAnswer(context: IntrospectContext, token: string): Record<string, unknown> | undefined {
  const grant = context.tokens.refreshTokenGrant(token);
  return grant ? { active: true, token_use: 'refresh_token', token, ...grantFields(context, grant), token_type: 'refresh' } : undefined;
}
