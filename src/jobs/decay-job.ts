import type { Logger } from '../log';
import { settleContacts } from '../process/settle-contacts';
import { rescoreChunk } from '../process/rescore-portal';
import { yieldWhenBusy } from '../yield-when-busy';
import type { Db } from '../store/db';
import type { InstallationRepository } from '../store/installations';
import type { SettingsStore } from '../store/settings-store';
import { LOCK_KEYS } from '../store/lock-keys';
import { forEachPortal } from './for-each-portal';
import type { JobDefinition } from './schedule-job';

/**
 * Time moves scores: engagement decays and leads cool down. Rescores, per portal, the contacts whose
 * score can still move with time (engagement left to decay), least recently scored first; the outbox
 * only carries values that changed, so HubSpot sees only real changes.
 */
export function decayJob(deps: {
  db: Db;
  installations: InstallationRepository;
  settings: SettingsStore;
  logger: Logger;
  perPortal?: number;
}): JobDefinition {
  return {
    name: 'decay-rescore',
    schedule: '*/15 * * * *',
    lockKey: LOCK_KEYS.jobs['decay-rescore'],
    async run(now) {
      let rescored = 0;
      let changed = 0;
      const failedPortals = await forEachPortal(deps, 'decay-rescore', async (portalId, live) => {
        const due = await deps.db.query<{ contact_id: number }>(
          `SELECT contact_id FROM contacts WHERE portal_id = $1 AND engagement_score <> 0 AND (scored_at IS NULL OR scored_at < $2)
           ORDER BY scored_at NULLS FIRST LIMIT $3`,
          [portalId, now, deps.perPortal ?? 5_000],
        );
        const size = rescoreChunk(deps.db);
        for (let start = 0; start < due.length; start += size) {
          const chunk = due.slice(start, start + size).map((row) => row.contact_id);
          const outcomes = await deps.db.transaction((tx) => settleContacts(tx, { portalId, live, now }, new Map(chunk.map((id) => [id, []]))));
          rescored += chunk.length;
          changed += [...outcomes.values()].filter((outcome) => outcome.outboxChanged || outcome.statusChanged).length;
          await yieldWhenBusy();
        }
        if (due.length > 0) deps.logger.info({ portalId, rescored: due.length }, 'decay rescoring done');
      });
      return { rescored, changed, failedPortals };
    },
  };
}
