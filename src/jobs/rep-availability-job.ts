import type { HubspotGateway } from '../hubspot/gateway';
import { syncRepAvailability } from '../leads/sync-rep-availability';
import type { Logger } from '../log';
import type { Db } from '../store/db';
import type { InstallationRepository } from '../store/installations';
import { LOCK_KEYS } from '../store/lock-keys';
import type { JobDefinition } from './schedule-job';

/** Reads every portal's reps' availability from HubSpot's users object hourly, after the owners sync has matched users to owners. */
export function repAvailabilityJob(deps: { db: Db; gateway: HubspotGateway; installations: InstallationRepository; logger: Logger }): JobDefinition {
  return {
    name: 'rep-availability-sync',
    schedule: '22 * * * *',
    lockKey: LOCK_KEYS.jobs['rep-availability-sync'],
    async run(now) {
      const counts = { read: 0, scopeNotGranted: 0, failed: 0 };
      for (const portalId of await deps.installations.activePortals()) {
        const result = await syncRepAvailability(deps, portalId, now).catch((error: unknown) => ({ outcome: 'failed' as const, detail: 'not stored', error }));
        if (result.outcome === 'read') counts.read += 1;
        if (result.outcome === 'scope_not_granted') counts.scopeNotGranted += 1;
        if (result.outcome === 'failed') {
          counts.failed += 1;
          deps.logger.warn({ portalId, err: result.error }, 'reps\u2019 availability could not be read from HubSpot; the last read stands');
        }
      }
      return counts;
    },
  };
}
