import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema, type LiveSettings } from '../domain/portal-settings';
import type { Logger } from '../log';
import type { Queryable } from './db';
import { lifecycleStagesOf } from './lifecycle-stages';

/**
 * Each portal's live settings: the newest published version, or the defaults. Cached briefly per process;
 * when the cache expires only the list of versions is read again, and a version is parsed only when it is
 * not the one already held (settings can be a few hundred KB, and parsing them is work the event loop feels).
 * A stored version that no longer fits the schema (written by an older release) is skipped, loudly, in
 * favour of the newest one that does, so one bad row never stops a portal's pipeline.
 */
export class SettingsStore {
  private readonly cache = new Map<number, { value: LiveSettings; publishedAt: number | undefined; until: number }>();

  constructor(
    private readonly db: Queryable,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
    private readonly logger?: Logger,
  ) {}

  async live(portalId: number): Promise<LiveSettings> {
    const cached = this.cache.get(portalId);
    if (cached && cached.until > this.now()) return cached.value;
    const versions = await this.db.query<{ version: number; published_at: Date }>(
      `SELECT version, published_at FROM settings_versions WHERE portal_id = $1 AND published_at IS NOT NULL
       ORDER BY published_at DESC, version DESC`,
      [portalId],
    );
    let live: { value: LiveSettings; publishedAt: number | undefined } = { value: { version: 0, settings: DEFAULT_PORTAL_SETTINGS }, publishedAt: undefined };
    for (const { version, published_at: publishedAt } of versions) {
      // A version and its publication time name one stored document: the one held needs no parsing again.
      if (cached?.value.version === version && cached.publishedAt === publishedAt.getTime()) {
        live = cached;
        break;
      }
      const [row] = await this.db.query<{ settings: unknown }>('SELECT settings FROM settings_versions WHERE portal_id = $1 AND version = $2', [portalId, version]);
      const parsed = portalSettingsSchema.safeParse(row?.settings);
      if (parsed.success) {
        live = { value: { version, settings: parsed.data }, publishedAt: publishedAt.getTime() };
        break;
      }
      this.logger?.error({ portalId, version, issues: parsed.error.issues.slice(0, 5) }, 'published settings do not fit the schema; using an older version');
    }
    // The portal's own lifecycle stages come with its settings (read from HubSpot at install and hourly).
    const stages = (await lifecycleStagesOf(this.db, portalId))?.stages.map((stage) => stage.value);
    const unchanged = cached && cached.value.settings === live.value.settings && cached.value.version === live.value.version && sameList(cached.value.lifecycleStages, stages);
    const value: LiveSettings = unchanged ? cached.value : { version: live.value.version, settings: live.value.settings, ...(stages ? { lifecycleStages: stages } : {}) };
    this.cache.set(portalId, { value, publishedAt: live.publishedAt, until: this.now() + this.ttlMs });
    return value;
  }

  invalidate(portalId: number): void {
    this.cache.delete(portalId);
  }
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((item, i) => item === b[i]));
}
