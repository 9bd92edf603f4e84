import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema, type LiveSettings } from '../domain/portal-settings';
import type { Queryable } from './db';

/** Each portal's live settings: the newest published version, or the defaults. Cached briefly per process. */
export class SettingsStore {
  private readonly cache = new Map<number, { value: LiveSettings; until: number }>();

  constructor(
    private readonly db: Queryable,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  async live(portalId: number): Promise<LiveSettings> {
    const cached = this.cache.get(portalId);
    if (cached && cached.until > this.now()) return cached.value;
    const [row] = await this.db.query<{ version: number; settings: unknown }>(
      `SELECT version, settings FROM settings_versions WHERE portal_id = $1 AND published_at IS NOT NULL
       ORDER BY published_at DESC, version DESC LIMIT 1`,
      [portalId],
    );
    const value: LiveSettings = row
      ? { version: row.version, settings: portalSettingsSchema.parse(row.settings) }
      : { version: 0, settings: DEFAULT_PORTAL_SETTINGS };
    this.cache.set(portalId, { value, until: this.now() + this.ttlMs });
    return value;
  }

  invalidate(portalId: number): void {
    this.cache.delete(portalId);
  }
}
