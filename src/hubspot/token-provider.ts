/** What the gateway needs from the token vault: a valid access token per portal, and a refresh after a 401. */
export interface TokenProvider {
  /** A valid access token for the portal, refreshed ahead of expiry. Throws PortalInactiveError when uninstalled. */
  accessToken(portalId: number): Promise<string>;
  /** HubSpot answered 401 to `rejected`: refresh unless someone already did (single flight) and return the new token. */
  refreshAfterRejection(portalId: number, rejected: string): Promise<string>;
}

/** The portal is not (or no longer) installed: no work is done for it. Never retried. */
export class PortalInactiveError extends Error {
  constructor(readonly portalId: number, reason: string) {
    super(`portal ${portalId} is not active: ${reason}`);
    this.name = 'PortalInactiveError';
  }
}
