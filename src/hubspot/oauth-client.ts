import { Client } from '@hubspot/api-client';
import type { HubspotCredentials } from '../config';
import { authorizeUrlFor } from '../config';
import type { Tokens } from '../store/installations';
import { hubspotApiPaths, type ApiPaths } from './api-paths';
import { answerText, HubspotErrorAnswer } from './json-request';

export interface TokenInfo {
  portalId: number;
  hubDomain: string | undefined;
  scopes: string[];
  userId: number | undefined;
  userEmail: string | undefined;
  appId: number | undefined;
}

/** HubSpot rejected a refresh token: the app was uninstalled from the portal (or the token revoked). */
export class RefreshTokenRejectedError extends Error {
  constructor(readonly status: number, readonly hubspotStatus: string | undefined) {
    super(`HubSpot rejected the refresh token (${status}${hubspotStatus ? ` ${hubspotStatus}` : ''})`);
    this.name = 'RefreshTokenRejectedError';
  }
}

/** HubSpot's OAuth endpoints (dated paths, through the SDK's transport): authorize URL, code exchange, refresh, access- and refresh-token info. */
export class OAuthClient {
  private readonly paths: ApiPaths;

  constructor(
    private readonly credentials: HubspotCredentials,
    readonly redirectUri: string,
    apiVersion?: string,
  ) {
    this.paths = hubspotApiPaths(apiVersion);
  }

  authorizeUrl(state: string, scopes: { required: string[]; optional: string[] }): string {
    const url = new URL(authorizeUrlFor(this.credentials.apiBase));
    url.searchParams.set('client_id', this.credentials.clientId);
    url.searchParams.set('redirect_uri', this.redirectUri);
    url.searchParams.set('scope', scopes.required.join(' '));
    if (scopes.optional.length > 0) url.searchParams.set('optional_scope', scopes.optional.join(' '));
    url.searchParams.set('state', state);
    return url.toString();
  }

  async exchangeCode(code: string, now: Date): Promise<Tokens> {
    const answer = await this.post<TokenAnswer>(this.paths.oauthToken, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.redirectUri,
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
    });
    return toTokens(answer, now);
  }

  /** Throws RefreshTokenRejectedError when HubSpot says the refresh token is no good (400/401). */
  async refresh(refreshToken: string, now: Date): Promise<Tokens> {
    try {
      const answer = await this.post<TokenAnswer>(this.paths.oauthToken, {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: this.credentials.clientId,
        client_secret: this.credentials.clientSecret,
      });
      return toTokens(answer, now);
    } catch (error) {
      if (error instanceof HubspotErrorAnswer && (error.response.status === 400 || error.response.status === 401)) {
        throw new RefreshTokenRejectedError(error.response.status, hubspotStatusOf(error.response.text));
      }
      throw error;
    }
  }

  async tokenInfo(accessToken: string): Promise<TokenInfo> {
    const info = await this.introspect(accessToken, 'access_token');
    return {
      portalId: info.hub_id,
      hubDomain: info.hub_domain,
      scopes: info.scopes,
      userId: info.user_id,
      userEmail: info.user,
      appId: info.app_id,
    };
  }

  /** Who authorized a refresh token: the user who installed the app (HubSpot keeps the refresh token across access-token refreshes). */
  async refreshTokenInfo(refreshToken: string): Promise<{ portalId: number; userId: number; userEmail: string | undefined }> {
    const info = await this.introspect(refreshToken, 'refresh_token');
    return { portalId: info.hub_id, userId: info.user_id, userEmail: info.user };
  }

  /** There is no dated GET of a token's metadata: HubSpot's introspection endpoint tells it, for either kind of token. */
  private async introspect(token: string, hint: 'access_token' | 'refresh_token'): Promise<IntrospectionAnswer> {
    const info = await this.post<IntrospectionAnswer>(this.paths.oauthIntrospect, {
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
      token,
      token_type_hint: hint,
    });
    if (!info.active) throw new Error(`HubSpot says the ${hint.replace('_', ' ')} is not active`);
    return info;
  }

  /** A form-encoded POST through the SDK's transport, without a token. */
  private async post<T>(path: string, form: Record<string, string>): Promise<T> {
    const response = await new Client({ basePath: this.credentials.apiBase }).apiRequest({
      method: 'POST',
      path,
      body: new URLSearchParams(form).toString(),
      defaultJson: false,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    return JSON.parse(await answerText(response)) as T;
  }
}

/** HubSpot's token answer (AccessTokenResponse). */
interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
  token_use: string;
}

/** HubSpot's introspection answer (PublicAccessTokenInfoResponse or PublicRefreshTokenInfoResponse). */
interface IntrospectionAnswer {
  active: boolean;
  hub_id: number;
  hub_domain?: string;
  scopes: string[];
  user_id: number;
  user?: string;
  app_id?: number;
  token_use?: string;
}

function toTokens(answer: TokenAnswer, now: Date): Tokens {
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    expiresAt: new Date(now.getTime() + answer.expires_in * 1000),
  };
}

function hubspotStatusOf(body: string): string | undefined {
  const parsed = safeJson(body);
  const status = (parsed as { status?: unknown } | undefined)?.status;
  return typeof status === 'string' ? status : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
