import { Client } from '@hubspot/api-client';
import type { HubspotCredentials } from '../config';
import { authorizeUrlFor } from '../config';
import type { Tokens } from '../store/installations';

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

/** HubSpot's OAuth endpoints, through the SDK: authorize URL, code exchange, refresh, access- and refresh-token info. */
export class OAuthClient {
  constructor(
    private readonly credentials: HubspotCredentials,
    readonly redirectUri: string,
  ) {}

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
    const response = await this.client().oauth.tokensApi.create(
      'authorization_code',
      code,
      this.redirectUri,
      this.credentials.clientId,
      this.credentials.clientSecret,
    );
    return toTokens(response, now);
  }

  /** Throws RefreshTokenRejectedError when HubSpot says the refresh token is no good (400/401). */
  async refresh(refreshToken: string, now: Date): Promise<Tokens> {
    try {
      const response = await this.client().oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        this.credentials.clientId,
        this.credentials.clientSecret,
        refreshToken,
      );
      return toTokens(response, now);
    } catch (error) {
      const status = (error as { code?: number }).code;
      if (status === 400 || status === 401) {
        throw new RefreshTokenRejectedError(status, hubspotStatusOf(error));
      }
      throw error;
    }
  }

  async tokenInfo(accessToken: string): Promise<TokenInfo> {
    const info = await this.client().oauth.accessTokensApi.get(accessToken);
    return {
      portalId: info.hubId,
      hubDomain: info.hubDomain,
      scopes: info.scopes,
      userId: info.userId,
      userEmail: info.user,
      appId: info.appId,
    };
  }

  /** Who authorized a refresh token: the user who installed the app (HubSpot keeps the refresh token across access-token refreshes). */
  async refreshTokenInfo(refreshToken: string): Promise<{ portalId: number; userId: number; userEmail: string | undefined }> {
    const info = await this.client().oauth.refreshTokensApi.get(refreshToken);
    return { portalId: info.hubId, userId: info.userId, userEmail: info.user };
  }

  private client(): Client {
    return new Client({ basePath: this.credentials.apiBase });
  }
}

function toTokens(response: { accessToken: string; refreshToken: string; expiresIn: number }, now: Date): Tokens {
  return {
    accessToken: response.accessToken,
    refreshToken: response.refreshToken,
    expiresAt: new Date(now.getTime() + response.expiresIn * 1000),
  };
}

function hubspotStatusOf(error: unknown): string | undefined {
  const body = (error as { body?: unknown }).body;
  const parsed = typeof body === 'string' ? safeJson(body) : body;
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
