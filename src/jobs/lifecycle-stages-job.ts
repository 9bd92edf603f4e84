import { lifecycleStagesOf } from '../domain/write-back/lifecycle-stages';
import type { HubspotGateway } from '../hubspot/gateway';
import type { Logger } from '../log';
import type { Db } from '../store/db';
import type { InstallationRepository } from '../store/installations';
import { saveLifecycleStages } from '../store/lifecycle-stages';
import { LOCK_KEYS } from '../store/lock-keys';
import type { JobDefinition } from './schedule-job';

/** Reads the portal's lifecycle stages (its lifecyclestage property's options, in their order) and stores them. */
export async function syncLifecycleStages(deps: { db: Db; gateway: HubspotGateway }, portalId: number, now: Date): Promise<number> {
  const definition = await deps.gateway.forPortal(portalId).propertyDefinitions.get('contacts', 'lifecyclestage');
  const stages = lifecycleStagesOf(definition.options);
  await saveLifecycleStages(deps.db, portalId, stages, now);
  return stages.length;
}

/** Keeps every portal's lifecycle stages current hourly (an admin may add, rename or reorder stages). */
export function lifecycleStagesJob(deps: { db: Db; gateway: HubspotGateway; installations: InstallationRepository; logger: Logger }): JobDefinition {
  return {
    name: 'lifecycle-stages-sync',
    schedule: '23 * * * *',
    lockKey: LOCK_KEYS.jobs['lifecycle-stages-sync'],
    async run(now) {
      let synced = 0;
      for (const portalId of await deps.installations.activePortals()) {
        try {
          await syncLifecycleStages(deps, portalId, now);
          synced += 1;
        } catch (error) {
          deps.logger.warn({ portalId, err: error }, 'lifecycle stages could not be read; kept the last ones');
        }
      }
      return { synced };
    },
  };
}
