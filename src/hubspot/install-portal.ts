import type { Logger } from '../log';
import { recordAudit } from '../store/audit-log';
import type { Db } from '../store/db';
import type { InstallationRepository } from '../store/installations';
import type { OAuthClient } from './oauth-client';

export interface InstallDeps {
  db: Db;
  oauth: OAuthClient;
  installations: InstallationRepository;
  /** Creates the app's properties in the portal (idempotent). */
  provision: (portalId: number) => Promise<unknown>;
  logger: Logger;
  now: () => Date;
  /** Work that follows an install without holding up the user's browser (recording that the backfill is due, then starting it). */
  onInstalled?: (outcome: InstallOutcome) => void | Promise<void>;
}

export interface InstallOutcome {
  portalId: number;
  hubDomain: string | undefined;
  created: boolean;
}

/** Completes an OAuth install: code → tokens → portal id → sealed tokens stored → properties provisioned. */
export async function installPortal(code: string, deps: InstallDeps): Promise<InstallOutcome> {
  const tokens = await deps.oauth.exchangeCode(code, deps.now());
  const info = await deps.oauth.tokenInfo(tokens.accessToken);
  const { created } = await deps.installations.upsert(
    {
      ...tokens,
      portalId: info.portalId,
      hubDomain: info.hubDomain,
      scopes: info.scopes,
      userId: info.userId,
      userEmail: info.userEmail,
    },
    deps.now(),
  );
  const log = deps.logger.child({ portalId: info.portalId });
  await recordAudit(deps.db, {
    portalId: info.portalId,
    actor: info.userId ? `user:${info.userId}` : 'app',
    action: created ? 'installed' : 'reinstalled',
    detail: { hubDomain: info.hubDomain, scopes: info.scopes },
    at: deps.now(),
  });
  const provisioned = await deps.provision(info.portalId);
  log.info({ hubDomain: info.hubDomain, created, provisioned }, created ? 'portal installed' : 'portal re-installed');
  const outcome = { portalId: info.portalId, hubDomain: info.hubDomain, created };
  await deps.onInstalled?.(outcome);
  return outcome;
}
