import type { HubspotGateway } from '../hubspot/gateway';
import type { Logger } from '../log';
import type { Installation } from '../store/installations';

/** The scope HubSpot's user provisioning API needs to read a user (optional: portals install without it). */
export const USERS_READ_SCOPE = 'settings.users.read';

/** What is known of a user: a super admin or not, or not known (scope not granted, HubSpot failed), which is never taken as yes. */
export type SuperAdminAnswer = 'yes' | 'no' | 'scope_not_granted' | 'hubspot_failed';

export type SuperAdminCheck = (installation: Pick<Installation, 'portalId' | 'scopes'>, userId: number) => Promise<SuperAdminAnswer>;

export interface SuperAdminCheckDeps {
  gateway: Pick<HubspotGateway, 'forPortal'>;
  logger: Logger;
  now: () => number;
  /** How long HubSpot's answer stands: a user made or unmade super admin is seen within this. Default 5 minutes. */
  ttlMs?: number;
}

/** Beyond this many cached answers, expired ones are dropped. */
const PRUNE_AT = 1_000;

/**
 * Whether a user is a super admin of the portal, asked of HubSpot's user provisioning API through the gateway
 * (the portal's limiter and retries) only where the portal granted the scope. HubSpot's answers are cached per
 * portal and user for a few minutes; failures are not, so the next request asks again.
 */
export function createSuperAdminCheck(deps: SuperAdminCheckDeps): SuperAdminCheck {
  const ttlMs = deps.ttlMs ?? 5 * 60_000;
  const answers = new Map<string, { superAdmin: boolean; until: number }>();

  const remember = (key: string, superAdmin: boolean) => {
    const now = deps.now();
    if (answers.size >= PRUNE_AT) for (const [stale, answer] of answers) if (answer.until <= now) answers.delete(stale);
    answers.set(key, { superAdmin, until: now + ttlMs });
  };

  return async ({ portalId, scopes }, userId) => {
    if (!scopes.includes(USERS_READ_SCOPE)) return 'scope_not_granted';
    const key = `${portalId}:${userId}`;
    const cached = answers.get(key);
    if (cached && cached.until > deps.now()) return cached.superAdmin ? 'yes' : 'no';
    try {
      const user = await deps.gateway.forPortal(portalId).users.get(userId);
      remember(key, user.superAdmin);
      return user.superAdmin ? 'yes' : 'no';
    } catch (error) {
      deps.logger.warn({ portalId, userId, err: error }, 'HubSpot did not say whether the user is a super admin; taken as not');
      return 'hubspot_failed';
    }
  };
}
