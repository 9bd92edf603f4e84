import type { Logger } from '../log';
import { routeSalesReadyLead, routingLeadOf } from '../pipeline/route-sales-ready';
import { rescoreContact } from '../pipeline/process-contact';
import type { Db } from '../store/db';
import type { InstallationRepository } from '../store/installations';
import { lockContact } from '../store/lead-store';
import type { SettingsStore } from '../store/settings-store';
import type { JobDefinition } from './schedule-job';

/**
 * Leads nobody could take wait in the hold queue (their latest routing decision is "held"). Every minute
 * they are routed again, so they go to the first rep who is back, and their owner is written at once.
 */
export function holdQueueJob(deps: { db: Db; installations: InstallationRepository; settings: SettingsStore; logger: Logger }): JobDefinition {
  return {
    name: 'route-held-leads',
    schedule: '* * * * *',
    lockKey: 7_041_013,
    async run(now) {
      let assigned = 0;
      let stillHeld = 0;
      for (const portalId of await deps.installations.activePortals()) {
        const live = await deps.settings.live(portalId);
        if (!live.settings.routing) continue;
        const held = await deps.db.query<{ contact_id: number }>(
          `SELECT contact_id FROM (
             SELECT DISTINCT ON (contact_id) contact_id, kind FROM assignments WHERE portal_id = $1 ORDER BY contact_id, id DESC
           ) latest WHERE kind = 'held' ORDER BY contact_id`,
          [portalId],
        );
        for (const { contact_id: contactId } of held) {
          const decision = await deps.db.transaction(async (tx) => {
            const row = await lockContact(tx, portalId, contactId);
            const outcome = await routeSalesReadyLead(tx, portalId, live, routingLeadOf(row), now);
            if (outcome?.kind === 'assigned') await rescoreContact(tx, { portalId, live, now }, contactId);
            return outcome;
          });
          if (decision?.kind === 'assigned') assigned += 1;
          else stillHeld += 1;
        }
        if (held.length > 0) deps.logger.info({ portalId, held: held.length, assigned }, 'hold queue routed again');
      }
      return { assigned, stillHeld };
    },
  };
}
