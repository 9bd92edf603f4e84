import type { Queryable } from '../store/db';

export interface InstalledPortalsOptions {
  db: Queryable;
  now: () => Date;
  /** How long an active portal is trusted without asking the database again. */
  activeTtlMs?: number;
  /** Shorter, so a portal whose install completes while its first events arrive is not ignored for long. */
  inactiveTtlMs?: number;
}

interface Entry {
  active: Promise<boolean>;
  expiresAt: number;
}

/** Which portals have the app installed (status active), cached briefly: every webhook request asks. */
export class InstalledPortals {
  private readonly entries = new Map<number, Entry>();
  private readonly activeTtlMs: number;
  private readonly inactiveTtlMs: number;

  constructor(private readonly options: InstalledPortalsOptions) {
    this.activeTtlMs = options.activeTtlMs ?? 30_000;
    this.inactiveTtlMs = options.inactiveTtlMs ?? 2_000;
  }

  /** The subset of `portalIds` that is installed; one query for all those not cached. Rejects when the database does. */
  async active(portalIds: Iterable<number>): Promise<Set<number>> {
    const now = this.options.now().getTime();
    const wanted = [...new Set(portalIds)];
    const missing = wanted.filter((portalId) => !((this.entries.get(portalId)?.expiresAt ?? 0) > now));
    if (missing.length > 0) {
      const lookup = this.options.db.query<{ portal_id: number }>(
        `SELECT portal_id FROM installations WHERE portal_id = ANY($1::bigint[]) AND status = 'active'`,
        [missing],
      );
      for (const portalId of missing) {
        const active = lookup.then((rows) => rows.some((row) => row.portal_id === portalId));
        const entry: Entry = { active, expiresAt: Number.POSITIVE_INFINITY };
        this.entries.set(portalId, entry);
        active.then(
          (isActive) => {
            entry.expiresAt = this.options.now().getTime() + (isActive ? this.activeTtlMs : this.inactiveTtlMs);
          },
          () => {
            if (this.entries.get(portalId) === entry) this.entries.delete(portalId);
          },
        );
      }
    }
    const answers = await Promise.all(wanted.map(async (portalId) => [portalId, await this.entries.get(portalId)!.active] as const));
    return new Set(answers.filter(([, active]) => active).map(([portalId]) => portalId));
  }
}
