import type { LiveSettings } from '../domain/portal-settings';
import { withRepAvailability } from '../leads/effective-settings';
import type { Queryable } from '../store/db';
import type { Logger } from '../log';
import type { InstallationRepository } from '../store/installations';
import type { SettingsStore } from '../store/settings-store';

/**
 * The loop every per-portal job runs: each active portal in turn with its live settings (reps' availability joined in); a portal that
 * fails is logged and left for the next tick, so one broken portal never stops the others' work.
 * Returns how many portals failed.
 */
export async function forEachPortal(
  deps: { db: Queryable; installations: InstallationRepository; settings: SettingsStore; logger: Logger },
  job: string,
  work: (portalId: number, live: LiveSettings) => Promise<void>,
): Promise<number> {
  let failed = 0;
  for (const portalId of await deps.installations.activePortals()) {
    try {
      await work(portalId, await withRepAvailability(deps.db, portalId, await deps.settings.live(portalId)));
    } catch (error) {
      failed += 1;
      deps.logger.error({ job, portalId, err: error }, 'job failed for this portal; it runs again next tick');
    }
  }
  return failed;
}
