/**
 * The local HubSpot emulator ("sandbox"): used by `npm start` without credentials, e2e tests and benchmarks.
 *
 * - `createHubspotSandbox(options)` → an express app emulating HubSpot's OAuth server (`/oauth/authorize`
 *   auto-approves for the installing portal, `/oauth/v1/token`, `/oauth/v1/access-tokens/:token`) and the CRM
 *   APIs the service uses (objects batch read/update, list, get, create, search; properties and groups; owners;
 *   v4 associations; users of the user provisioning API), with HubSpot's response and error shapes, per-portal rate limits (110 / rolling 10 s,
 *   search 5 / s), seeded fault injection (`setFaults`) and call accounting (`calls`). `listen()` serves it.
 *   `state` arranges and inspects portals, owners, teams, records and associations; `issueTokens`,
 *   `revokeRefreshTokens` (uninstall) and `expireAccessTokens` control auth.
 * - `generateScenario({ seed, contacts, ... })` → a deterministic population with journeys;
 *   `applyScenario(state, scenario, { portalId, appId })` stores it and returns the webhook events HubSpot would send.
 * - `sendWebhooks({ targetUrl, clientSecret, events, ... })` delivers events like HubSpot: signed v3, ≤100 per
 *   request, bounded concurrency, retries with backoff.
 *
 * Install a portal: open `${url}/oauth/authorize?client_id=…&redirect_uri=…&scope=…` (the sandbox redirects
 * to `redirect_uri?code=…&state=…`), then POST the code to `${url}/oauth/v1/token`; or call `issueTokens(portalId)`.
 */
export { createHubspotSandbox } from './emulator';
export type { HubspotSandbox, HubspotSandboxOptions, ListeningSandbox } from './emulator';
export type { AppCredentials } from './oauth-routes';
export type { IssuedTokens } from './oauth-store';
export type { Faults } from './faults';
export type { RateLimitPolicy } from './rate-limit';
export type { CallFilter, RecordedCall } from './call-log';
export type { CrmRecord, NewPortal, Owner, Portal, SandboxState, Team, User } from './state';
export { OBJECT_TYPES, resolveObjectType } from './object-types';
export type { EngagementType, ObjectType } from './object-types';
export { generateScenario } from './scenario';
export type { Activity, Outcome, Scenario, ScenarioContact, ScenarioOptions } from './scenario';
export { applyScenario } from './apply-scenario';
export { demoPortalSettings } from './demo-settings';
export { seedDemoAvailability, setUserAvailability, type UserAvailabilityProperties } from './user-object';
export type { AppliedScenario } from './apply-scenario';
export { sendWebhooks, webhookBatches } from './webhook-sender';
export type { SendWebhooksOptions, SendWebhooksReport } from './webhook-sender';
export type { WebhookEvent } from './webhook-event';
