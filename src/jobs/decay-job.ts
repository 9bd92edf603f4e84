import type { Logger } from '../log';
import { forEachContactChunk } from '../process/contact-chunks';
import { settleContacts } from '../process/settle-contacts';
import { markScored } from '../store/contact-batches';
import type { Db } from '../store/db';
import type { InstallationRepository } from '../store/installations';
import type { SettingsStore } from '../store/settings-store';
import { LOCK_KEYS } from '../store/lock-keys';
import { forEachPortal } from './for-each-portal';
import type { JobDefinition } from './schedule-job';

/**
 * Time moves scores: engagement decays and leads cool down. Rescores, per portal, the contacts whose
 * score can still move with time (engagement left to decay), least recently scored first, in chunks of
 * contacts per transaction; a contact is written only where its state changed, and the outbox only
 * carries values that changed, so HubSpot sees only real changes.
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
        await forEachContactChunk(
          deps.db,
          due.map((row) => row.contact_id),
          async (tx, chunk) => {
            const outcomes = await settleContacts(tx, { portalId, live, now }, new Map(chunk.map((id) => [id, []])));
            // The sweep goes least recently scored first: a contact found unchanged still goes to the back of the line.
            await markScored(tx, portalId, [...outcomes].filter(([, outcome]) => !outcome.stateChanged).map(([id]) => id), now);
            return outcomes;
          },
          (chunk, outcomes) => {
            rescored += chunk.length;
            changed += [...outcomes.values()].filter((outcome) => outcome.outboxChanged || outcome.statusChanged).length;
          },
        );
        if (due.length > 0) deps.logger.info({ portalId, rescored: due.length }, 'decay rescoring done');
      });
      return { rescored, changed, failedPortals };
    },
  };
}
