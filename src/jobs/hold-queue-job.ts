import type { HubspotGateway } from '../hubspot/gateway';
import type { Logger } from '../log';
import { heldContacts, routeWaitingLeads } from '../leads/route-waiting-leads';
import { sendQueuedTasks } from '../write-back/task-outbox';
import type { Db } from '../store/db';
import type { InstallationRepository } from '../store/installations';
import type { SettingsStore } from '../store/settings-store';
import { LOCK_KEYS } from '../store/lock-keys';
import { forEachPortal } from './for-each-portal';
import type { JobDefinition } from './schedule-job';

/**
 * Leads nobody could take wait in the hold queue (their latest routing decision is "held"). Every minute
 * they are routed again, so they go to the first rep who is back, and their owner is written at once;
 * the managers' alerts queued for new holds are sent after.
 */
export function holdQueueJob(deps: { db: Db; gateway: HubspotGateway; installations: InstallationRepository; settings: SettingsStore; logger: Logger }): JobDefinition {
  return {
    name: 'route-held-leads',
    schedule: '* * * * *',
    lockKey: LOCK_KEYS.jobs['route-held-leads'],
    async run(now) {
      const totals = { assigned: 0, stillHeld: 0, released: 0 };
      const failedPortals = await forEachPortal(deps, 'route-held-leads', async (portalId, live) => {
        const held = await heldContacts(deps.db, portalId);
        if (held.length === 0) return;
        const outcome = await routeWaitingLeads(deps, portalId, live, held, now);
        totals.assigned += outcome.assigned;
        totals.stillHeld += outcome.held;
        totals.released += outcome.released;
        deps.logger.info({ portalId, waiting: held.length, ...outcome }, 'hold queue routed again');
      });
      const tasks = await sendQueuedTasks(deps, now);
      return { ...totals, failedPortals, tasksSent: tasks.sent };
    },
  };
}
