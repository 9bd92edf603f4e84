import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema, type LiveSettings } from '../domain/portal-settings';
import type { Logger } from '../log';
import type { Queryable } from './db';

/**
 * Each portal's live settings: the newest published version, or the defaults. Cached briefly per process.
 * A stored version that no longer fits the schema (written by an older release) is skipped, loudly, in
 * favour of the newest one that does, so one bad row never stops a portal's pipeline.
 */
export class SettingsStore {
  private readonly cache = new Map<number, { value: LiveSettings; until: number }>();

  constructor(
    private readonly db: Queryable,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
    private readonly logger?: Logger,
  ) {}

  async live(portalId: number): Promise<LiveSettings> {
    const cached = this.cache.get(portalId);
    if (cached && cached.until > this.now()) return cached.value;
    const rows = await this.db.query<{ version: number; settings: unknown }>(
      `SELECT version, settings FROM settings_versions WHERE portal_id = $1 AND published_at IS NOT NULL
       ORDER BY published_at DESC, version DESC`,
      [portalId],
    );
    let value: LiveSettings = { version: 0, settings: DEFAULT_PORTAL_SETTINGS };
    for (const row of rows) {
      const parsed = portalSettingsSchema.safeParse(row.settings);
      if (parsed.success) {
        value = { version: row.version, settings: parsed.data };
        break;
      }
      this.logger?.error({ portalId, version: row.version, issues: parsed.error.issues.slice(0, 5) }, 'published settings do not fit the schema; using an older version');
    }
    this.cache.set(portalId, { value, until: this.now() + this.ttlMs });
    return value;
  }

  invalidate(portalId: number): void {
    this.cache.delete(portalId);
  }
}
