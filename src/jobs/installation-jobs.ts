import type { Logger } from '../log';
import type { TokenProvider } from '../hubspot/token-provider';
import { PortalInactiveError } from '../hubspot/token-provider';
import type { Db } from '../store/db';
import type { InstallationRepository } from '../store/installations';
import type { OAuthStateStore } from '../store/oauth-states';
import { deletePortalData } from '../store/portal-data';
import { LOCK_KEYS } from '../store/lock-keys';
import type { JobDefinition } from './schedule-job';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Keeps every active portal's access token fresh ahead of expiry. HubSpot sends no "uninstalled"
 * event, so this is also how an uninstall is noticed for a portal that is otherwise quiet.
 */
export function refreshTokensJob(deps: {
  installations: InstallationRepository;
  tokens: TokenProvider;
  logger: Logger;
  aheadMs?: number;
}): JobDefinition {
  return {
    name: 'refresh-tokens',
    schedule: '*/5 * * * *',
    lockKey: LOCK_KEYS.jobs['refresh-tokens'],
    async run(now) {
      const due = await deps.installations.activeExpiringBefore(new Date(now.getTime() + (deps.aheadMs ?? 10 * 60_000)));
      let refreshed = 0;
      for (const portalId of due) {
        try {
          await deps.tokens.accessToken(portalId);
          refreshed += 1;
        } catch (error) {
          if (!(error instanceof PortalInactiveError)) {
            deps.logger.warn({ portalId, err: error }, 'token refresh failed; retried next run');
          }
        }
      }
      return { due: due.length, refreshed };
    },
  };
}

/** Deletes the data of portals uninstalled longer than the retention period, and expired OAuth states. */
export function purgeUninstalledJob(deps: {
  db: Db;
  installations: InstallationRepository;
  states: OAuthStateStore;
  retentionDays: number;
  logger: Logger;
}): JobDefinition {
  return {
    name: 'purge-uninstalled',
    schedule: '17 * * * *',
    lockKey: LOCK_KEYS.jobs['purge-uninstalled'],
    async run(now) {
      await deps.states.deleteExpired(now);
      const cutoff = new Date(now.getTime() - deps.retentionDays * DAY_MS);
      const portals = await deps.installations.uninstalledBefore(cutoff);
      for (const portalId of portals) {
        const deleted = await deletePortalData(deps.db, portalId);
        deps.logger.info({ portalId, deleted, retentionDays: deps.retentionDays }, 'uninstalled portal data deleted after retention');
      }
      return { purged: portals };
    },
  };
}
