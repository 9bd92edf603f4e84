import type { SettingsStore } from '../store/settings-store';
import type { Installation, InstallationRepository } from '../store/installations';
import type { SuperAdminAnswer, SuperAdminCheck } from './super-admin-check';

/** Who may publish and roll back a portal's settings, as the settings page and the publishing routes are told. */
export type PublishPermission =
  | { canPublish: true; as: 'installer' | 'editor' | 'super_admin' }
  | { canPublish: false; reason: string };

export type PublishPermissionCheck = (caller: { portalId: number; userId: number }) => Promise<PublishPermission>;

export interface PublishPermissionDeps {
  installations: Pick<InstallationRepository, 'get'>;
  settings: Pick<SettingsStore, 'live'>;
  installerOf: (installation: Installation) => Promise<number | undefined>;
  superAdmin: SuperAdminCheck;
}

const WHO_MAY = 'Only the user who installed Lead Manager, super admins and the editors listed in the settings can publish or roll back settings.';

const REFUSALS: Record<Exclude<SuperAdminAnswer, 'yes'>, string> = {
  no: WHO_MAY,
  scope_not_granted: `${WHO_MAY} Lead Manager cannot see who is a super admin until it is reinstalled with permission to read the portal's users.`,
  hubspot_failed: `${WHO_MAY} HubSpot did not say whether you are a super admin; try again in a few minutes.`,
};

/**
 * The installer, the editors listed in the live settings (never a draft's: nobody lists themselves in what they
 * publish) and the portal's super admins may publish; cheapest checks first, HubSpot asked last.
 */
export function createPublishPermission(deps: PublishPermissionDeps): PublishPermissionCheck {
  return async ({ portalId, userId }) => {
    const installation = await deps.installations.get(portalId);
    if (!installation) return { canPublish: false, reason: 'Lead Manager is not installed in this portal.' };
    if ((await deps.installerOf(installation)) === userId) return { canPublish: true, as: 'installer' };
    const live = await deps.settings.live(portalId);
    if (live.settings.access?.editors.includes(userId)) return { canPublish: true, as: 'editor' };
    const superAdmin = await deps.superAdmin(installation, userId);
    return superAdmin === 'yes' ? { canPublish: true, as: 'super_admin' } : { canPublish: false, reason: REFUSALS[superAdmin] };
  };
}
