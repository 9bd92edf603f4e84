import { createHubspotSandbox, type HubspotSandbox, type HubspotSandboxOptions } from '../../src/sandbox';

/** A clock tests move by hand. */
export function manualClock(start = Date.UTC(2025, 0, 6, 9)): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

/** A sandbox with one portal and a valid access token for it. */
export function sandboxWithToken(options: HubspotSandboxOptions = {}): { sandbox: HubspotSandbox; portalId: number; token: string; auth: { Authorization: string } } {
  const sandbox = createHubspotSandbox(options);
  const portalId = sandbox.installingPortal().portalId;
  const token = sandbox.issueTokens(portalId).accessToken;
  return { sandbox, portalId, token, auth: { Authorization: `Bearer ${token}` } };
}
