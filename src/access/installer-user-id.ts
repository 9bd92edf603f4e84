import type { OAuthClient } from '../hubspot/oauth-client';
import type { Logger } from '../log';
import type { Installation, InstallationRepository } from '../store/installations';

export interface InstallerUserIdDeps {
  installations: Pick<InstallationRepository, 'recordInstaller'>;
  oauth: Pick<OAuthClient, 'refreshTokenInfo'>;
  logger: Logger;
}

/**
 * The HubSpot user who installed the app in the portal. The installation names them from HubSpot's token info;
 * one stored without (token info named nobody) learns it once from its refresh token, which HubSpot issued to
 * that user and keeps across access-token refreshes. Undefined when HubSpot does not say either.
 */
export async function installerUserId(installation: Installation, deps: InstallerUserIdDeps): Promise<number | undefined> {
  if (installation.installedByUserId !== null) return installation.installedByUserId;
  const { portalId } = installation;
  try {
    const info = await deps.oauth.refreshTokenInfo(installation.refreshToken);
    if (info.portalId !== portalId || !Number.isSafeInteger(info.userId) || info.userId <= 0) return undefined;
    await deps.installations.recordInstaller(portalId, info.userId, info.userEmail);
    deps.logger.info({ portalId, userId: info.userId }, 'installer learnt from the refresh token');
    return info.userId;
  } catch (error) {
    deps.logger.warn({ portalId, err: error }, 'the installer could not be learnt from the refresh token');
    return undefined;
  }
}
