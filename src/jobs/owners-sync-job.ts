import type { HubspotGateway } from '../hubspot/gateway';
import type { Logger } from '../log';
import type { Db } from '../store/db';
import type { InstallationRepository } from '../store/installations';
import { syncOwners } from '../store/owners';
import { LOCK_KEYS } from '../store/lock-keys';
import type { JobDefinition } from './schedule-job';

/** Reads a portal's owners (active and deactivated) from HubSpot's owners API into the owners table. */
export async function syncPortalOwners(deps: { db: Db; gateway: HubspotGateway }, portalId: number, now: Date): Promise<{ active: number; archived: number }> {
  const client = deps.gateway.forPortal(portalId);
  const active = await client.owners.listAll();
  const archived = await client.owners.listAll({ archived: true });
  await syncOwners(deps.db, portalId, active, archived, now);
  return { active: active.length, archived: archived.length };
}

/** Keeps every portal's owners in sync hourly (names for the cards; deactivated owners never get leads). */
export function ownersSyncJob(deps: { db: Db; gateway: HubspotGateway; installations: InstallationRepository; logger: Logger }): JobDefinition {
  return {
    name: 'owners-sync',
    schedule: '17 * * * *',
    lockKey: LOCK_KEYS.jobs['owners-sync'],
    async run(now) {
      let synced = 0;
      for (const portalId of await deps.installations.activePortals()) {
        try {
          await syncPortalOwners(deps, portalId, now);
          synced += 1;
        } catch (error) {
          deps.logger.warn({ portalId, err: error }, 'owners could not be synced; kept the last list');
        }
      }
      return { synced };
    },
  };
}
