import type { TokenCipher } from './token-cipher';
import type { Db, Queryable } from './db';

export type InstallationStatus = 'active' | 'uninstalled';

export interface Installation {
  portalId: number;
  status: InstallationStatus;
  hubDomain: string | null;
  scopes: string[];
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  /** The HubSpot user who installed (or last reinstalled) the app; null when HubSpot's token info did not name one. */
  installedByUserId: number | null;
  installedAt: Date;
  updatedAt: Date;
  uninstalledAt: Date | null;
  uninstallReason: string | null;
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

export interface InstallInput extends Tokens {
  portalId: number;
  hubDomain: string | undefined;
  scopes: string[];
  userId: number | undefined;
  userEmail: string | undefined;
}

interface InstallationRow {
  portal_id: number;
  status: InstallationStatus;
  hub_domain: string | null;
  scopes: string[];
  access_token_enc: string;
  refresh_token_enc: string;
  access_token_expires_at: Date;
  installed_by_user_id: number | null;
  installed_at: Date;
  updated_at: Date;
  uninstalled_at: Date | null;
  uninstall_reason: string | null;
}

/** Installed portals and their OAuth tokens, sealed with the token cipher before they reach the database. */
export class InstallationRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: TokenCipher,
  ) {}

  /** Installs a portal, or re-installs it in place (new tokens and scopes, active again). */
  /** Bumped whenever this process changes a portal's tokens or status, so what was read of them before is known to be old. */
  private readonly changes = new Map<number, number>();

  /** How many times this process changed the portal's installation (see `changes`). */
  changesOf(portalId: number): number {
    return this.changes.get(portalId) ?? 0;
  }

  private changed(portalId: number): void {
    this.changes.set(portalId, this.changesOf(portalId) + 1);
  }

  async upsert(input: InstallInput, now: Date): Promise<{ created: boolean }> {
    this.changed(input.portalId);
    const rows = await this.db.query<{ created: boolean }>(
      `INSERT INTO installations AS i (portal_id, status, hub_domain, scopes, access_token_enc, refresh_token_enc,
         access_token_expires_at, installed_by_user_id, installed_by_email, installed_at, updated_at)
       VALUES ($1, 'active', $2, $3, $4, $5, $6, $7, $8, $9, $9)
       ON CONFLICT (portal_id) DO UPDATE SET
         status = 'active', hub_domain = EXCLUDED.hub_domain, scopes = EXCLUDED.scopes,
         access_token_enc = EXCLUDED.access_token_enc, refresh_token_enc = EXCLUDED.refresh_token_enc,
         access_token_expires_at = EXCLUDED.access_token_expires_at,
         installed_by_user_id = EXCLUDED.installed_by_user_id, installed_by_email = EXCLUDED.installed_by_email,
         installed_at = CASE WHEN i.status = 'uninstalled' THEN EXCLUDED.installed_at ELSE i.installed_at END,
         updated_at = EXCLUDED.updated_at, uninstalled_at = NULL, uninstall_reason = NULL
       RETURNING (xmax = 0) AS created`,
      [
        input.portalId,
        input.hubDomain ?? null,
        input.scopes,
        this.cipher.encrypt(input.accessToken, input.portalId),
        this.cipher.encrypt(input.refreshToken, input.portalId),
        input.expiresAt,
        input.userId ?? null,
        input.userEmail ?? null,
        now,
      ],
    );
    return { created: rows[0]?.created ?? false };
  }

  async get(portalId: number, db: Queryable = this.db): Promise<Installation | undefined> {
    const [row] = await db.query<InstallationRow>('SELECT * FROM installations WHERE portal_id = $1', [portalId]);
    return row && this.fromRow(row);
  }

  async saveTokens(portalId: number, tokens: Tokens, now: Date): Promise<void> {
    this.changed(portalId);
    await this.db.query(
      `UPDATE installations SET access_token_enc = $2, refresh_token_enc = $3, access_token_expires_at = $4, updated_at = $5
       WHERE portal_id = $1`,
      [
        portalId,
        this.cipher.encrypt(tokens.accessToken, portalId),
        this.cipher.encrypt(tokens.refreshToken, portalId),
        tokens.expiresAt,
        now,
      ],
    );
  }

  /** Names the installer of a portal stored without one (learnt later from its refresh token); a known installer is kept. */
  async recordInstaller(portalId: number, userId: number, userEmail: string | undefined): Promise<void> {
    await this.db.query(
      `UPDATE installations SET installed_by_user_id = $2, installed_by_email = coalesce(installed_by_email, $3)
       WHERE portal_id = $1 AND installed_by_user_id IS NULL`,
      [portalId, userId, userEmail ?? null],
    );
  }

  async markUninstalled(portalId: number, reason: string, now: Date): Promise<void> {
    this.changed(portalId);
    await this.db.query(
      `UPDATE installations SET status = 'uninstalled', uninstalled_at = $2, uninstall_reason = $3, updated_at = $2
       WHERE portal_id = $1 AND status = 'active'`,
      [portalId, now, reason],
    );
  }

  /** Active portals whose access token expires before `before` (the token refresh job keeps them warm). */
  async activeExpiringBefore(before: Date): Promise<number[]> {
    const rows = await this.db.query<{ portal_id: number }>(
      `SELECT portal_id FROM installations WHERE status = 'active' AND access_token_expires_at < $1 ORDER BY portal_id`,
      [before],
    );
    return rows.map((row) => row.portal_id);
  }

  async activePortals(): Promise<number[]> {
    const rows = await this.db.query<{ portal_id: number }>(
      `SELECT portal_id FROM installations WHERE status = 'active' ORDER BY portal_id`,
    );
    return rows.map((row) => row.portal_id);
  }

  /** Portals uninstalled before `cutoff`, whose data the retention job deletes. */
  async uninstalledBefore(cutoff: Date): Promise<number[]> {
    const rows = await this.db.query<{ portal_id: number }>(
      `SELECT portal_id FROM installations WHERE status = 'uninstalled' AND uninstalled_at < $1 ORDER BY portal_id`,
      [cutoff],
    );
    return rows.map((row) => row.portal_id);
  }

  private fromRow(row: InstallationRow): Installation {
    return {
      portalId: row.portal_id,
      status: row.status,
      hubDomain: row.hub_domain,
      scopes: row.scopes,
      accessToken: this.cipher.decrypt(row.access_token_enc, row.portal_id),
      refreshToken: this.cipher.decrypt(row.refresh_token_enc, row.portal_id),
      accessTokenExpiresAt: row.access_token_expires_at,
      installedByUserId: row.installed_by_user_id,
      installedAt: row.installed_at,
      updatedAt: row.updated_at,
      uninstalledAt: row.uninstalled_at,
      uninstallReason: row.uninstall_reason,
    };
  }
}
