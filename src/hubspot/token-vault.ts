import type { Logger } from '../log';
import type { Db } from '../store/db';
import { LOCK_KEYS } from '../store/lock-keys';
import type { Installation, InstallationRepository } from '../store/installations';
import { RefreshTokenRejectedError, type OAuthClient } from './oauth-client';
import { PortalInactiveError, type TokenProvider } from './token-provider';

export interface TokenVaultOptions {
  db: Db;
  installations: InstallationRepository;
  oauth: OAuthClient;
  logger: Logger;
  now?: () => Date;
  /** Refresh this long before the access token expires (HubSpot's live ~30 min). */
  refreshAheadMs?: number;
  /** Called once when a portal turns out to be uninstalled, so the rest of the app stops its work. */
  onUninstalled?: (portalId: number) => void;
  /** How long a token read from the database is handed out without reading it again (0: every call reads it). */
  rememberMs?: number;
}

/**
 * Hands out valid access tokens per portal. Refreshes ahead of expiry, once per portal at a time:
 * concurrent callers in this process share one refresh, and other instances wait on an advisory
 * lock and then find the fresh token already stored.
 */
export class TokenVault implements TokenProvider {
  private readonly inFlight = new Map<number, Promise<string>>();
  /**
   * Tokens read lately, so a busy portal's calls do not each read and decrypt its installation. What this process
   * changes (a refresh, an uninstall) is seen at once; what another instance changes, within `rememberMs`.
   */
  private readonly remembered = new Map<number, { accessToken: string; expiresAt: number; readAt: number; changes: number }>();
  private readonly now: () => Date;
  private readonly refreshAheadMs: number;
  private readonly rememberMs: number;

  constructor(private readonly options: TokenVaultOptions) {
    this.now = options.now ?? (() => new Date());
    this.refreshAheadMs = options.refreshAheadMs ?? 5 * 60_000;
    this.rememberMs = options.rememberMs ?? 5_000;
  }

  async accessToken(portalId: number): Promise<string> {
    const now = this.now().getTime();
    const known = this.remembered.get(portalId);
    const changes = this.options.installations.changesOf(portalId);
    if (known && known.changes === changes && now - known.readAt < this.rememberMs && known.expiresAt - now > this.refreshAheadMs) return known.accessToken;
    this.remembered.delete(portalId);
    const installation = await this.active(portalId);
    if (!this.isStale(installation)) {
      this.remembered.set(portalId, { accessToken: installation.accessToken, expiresAt: installation.accessTokenExpiresAt.getTime(), readAt: now, changes });
      return installation.accessToken;
    }
    return this.singleFlight(portalId, (current) => this.isStale(current));
  }

  async refreshAfterRejection(portalId: number, rejected: string): Promise<string> {
    // HubSpot refused it: whatever is remembered is no good, and an uninstall shows on the next read.
    this.remembered.delete(portalId);
    return this.singleFlight(portalId, (current) => current.accessToken === rejected || this.isStale(current));
  }

  private isStale(installation: Installation): boolean {
    return installation.accessTokenExpiresAt.getTime() - this.now().getTime() <= this.refreshAheadMs;
  }

  private async active(portalId: number): Promise<Installation> {
    const installation = await this.options.installations.get(portalId);
    if (!installation) throw new PortalInactiveError(portalId, 'not installed');
    if (installation.status !== 'active') {
      throw new PortalInactiveError(portalId, `uninstalled${installation.uninstallReason ? `: ${installation.uninstallReason}` : ''}`);
    }
    return installation;
  }

  private singleFlight(portalId: number, needsRefresh: (current: Installation) => boolean): Promise<string> {
    const running = this.inFlight.get(portalId);
    if (running) return running;
    const refresh = this.refreshLocked(portalId, needsRefresh).finally(() => this.inFlight.delete(portalId));
    this.inFlight.set(portalId, refresh);
    return refresh;
  }

  private async refreshLocked(portalId: number, needsRefresh: (current: Installation) => boolean): Promise<string> {
    const result = await this.options.db.withLock(LOCK_KEYS.tokenRefreshBase + portalId, async () => {
      // Re-read under the lock: another instance may have refreshed while we waited.
      const current = await this.active(portalId);
      if (!needsRefresh(current)) return current.accessToken;
      return this.refresh(current);
    });
    if (!result.acquired) throw new Error(`could not lock token refresh for portal ${portalId}`);
    return result.value;
  }

  private async refresh(installation: Installation): Promise<string> {
    const { portalId } = installation;
    const log = this.options.logger.child({ portalId });
    try {
      const tokens = await this.options.oauth.refresh(installation.refreshToken, this.now());
      await this.options.installations.saveTokens(portalId, tokens, this.now());
      log.debug({ expiresAt: tokens.expiresAt }, 'access token refreshed');
      return tokens.accessToken;
    } catch (error) {
      if (!(error instanceof RefreshTokenRejectedError)) throw error;
      await this.options.installations.markUninstalled(portalId, error.message, this.now());
      log.warn(
        { hubspotStatus: error.hubspotStatus },
        'portal marked uninstalled: HubSpot rejected its refresh token; all work for this portal stops',
      );
      this.options.onUninstalled?.(portalId);
      throw new PortalInactiveError(portalId, error.message);
    }
  }
}
