import { randomBytes, randomUUID } from 'node:crypto';

/** What an installation grants: a portal, the installing user and the scopes. */
export interface Grant {
  portalId: number;
  userId: number;
  userEmail: string;
  scopes: string[];
}

export interface AccessToken {
  token: string;
  grant: Grant;
  expiresAt: number;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const CODE_TTL_MS = 10 * 60_000;

/** Authorization codes, access tokens and refresh tokens of the emulated OAuth server, by the injected clock. */
export class OAuthStore {
  private readonly codes = new Map<string, { grant: Grant; redirectUri: string; expiresAt: number }>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, Grant>();

  constructor(private readonly now: () => number, private readonly accessTokenTtlSeconds: number) {}

  issueCode(grant: Grant, redirectUri: string): string {
    const code = randomUUID();
    this.codes.set(code, { grant, redirectUri, expiresAt: this.now() + CODE_TTL_MS });
    return code;
  }

  /** Codes are single-use: redeeming one forgets it, whatever the outcome. */
  redeemCode(code: string): { grant: Grant; redirectUri: string } | undefined {
    const entry = this.codes.get(code);
    this.codes.delete(code);
    return entry && entry.expiresAt > this.now() ? entry : undefined;
  }

  issueTokens(grant: Grant, refreshToken: string = randomUUID()): IssuedTokens {
    this.refreshTokens.set(refreshToken, grant);
    const token = `CN${randomBytes(48).toString('base64url')}`;
    this.accessTokens.set(token, { token, grant, expiresAt: this.now() + this.accessTokenTtlSeconds * 1000 });
    return { accessToken: token, refreshToken, expiresIn: this.accessTokenTtlSeconds };
  }

  /** A new access token for a live refresh token, with what it grants; HubSpot keeps the refresh token unchanged. */
  refresh(refreshToken: string): (IssuedTokens & { grant: Grant }) | undefined {
    const grant = this.refreshTokens.get(refreshToken);
    return grant ? { ...this.issueTokens(grant, refreshToken), grant } : undefined;
  }

  accessToken(token: string): AccessToken | undefined {
    return this.accessTokens.get(token);
  }

  refreshTokenGrant(token: string): Grant | undefined {
    return this.refreshTokens.get(token);
  }

  deleteRefreshToken(token: string): boolean {
    return this.refreshTokens.delete(token);
  }

  /** Uninstall: every refresh and access token of the portal stops working. */
  revokeTokens(portalId: number): void {
    for (const [token, grant] of this.refreshTokens) if (grant.portalId === portalId) this.refreshTokens.delete(token);
    for (const [token, access] of this.accessTokens) if (access.grant.portalId === portalId) this.accessTokens.delete(token);
  }

  expireAccessTokens(portalId: number): void {
    const past = this.now() - 1;
    for (const access of this.accessTokens.values()) if (access.grant.portalId === portalId) access.expiresAt = past;
  }
}
