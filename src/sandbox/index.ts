/**
 * The local HubSpot emulator ("sandbox"): used by `npm start` without credentials, e2e tests and benchmarks.
 *
 * - `createHubspotSandbox(options)` → an express app emulating HubSpot's OAuth server and the CRM APIs the service uses,
 *   with HubSpot's response and error shapes, per-portal rate limits (110 / rolling 10 s, search 5 / s), seeded fault
 *   injection (`setFaults`) and call accounting (`calls`, filtered by the route names in `callPaths`). `listen()` serves it.
 *   `state` arranges and inspects portals, owners, teams, records and associations; `issueTokens`,
 *   `revokeRefreshTokens` (uninstall) and `expireAccessTokens` control auth.
 *
 *   Served at the date-based paths of every version in `SERVED_API_VERSIONS` (`2026-03`) and at the legacy paths:
 *   - objects: `GET|POST /crm/objects/2026-03/{objectType}`, `GET /crm/objects/2026-03/{objectType}/{id}`, `POST …/batch/read`,
 *     `POST …/batch/update`, `POST …/search` (legacy `/crm/v3/objects/…`, also `PATCH …/{id}`);
 *   - associations: `POST /crm/associations/2026-03/{from}/{to}/batch/read` (legacy `/crm/v4/associations/…`);
 *   - properties: `GET /crm/properties/2026-03/{objectType}`, `GET|POST …/groups`, `POST …/batch/create`, `POST …/batch/read`,
 *     one property and one group (legacy `/crm/v3/properties/…`);
 *   - owners: `GET /crm/owners/2026-03` (`limit`, `after`, `archived`, `email`) and `…/{ownerId}` (legacy `/crm/v3/owners`);
 *   - OAuth: `POST /oauth/2026-03/token` (legacy `/oauth/v1/token`) and `POST /oauth/2026-03/token/introspect`.
 *   Legacy only: `GET /oauth/v1/access-tokens/{token}`, `GET|DELETE /oauth/v1/refresh-tokens/{token}`,
 *   `GET /crm/v4/objects/{objectType}/{id}/associations/{toObjectType}`, `GET /settings/v3/users/{userId}`;
 *   unversioned: `GET /oauth/authorize` (auto-approves for the installing portal).
 * - `generateScenario({ seed, contacts, ... })` → a deterministic population with journeys;
 *   `applyScenario(state, scenario, { portalId, appId })` stores it and returns the webhook events HubSpot would send.
 * - `sendWebhooks({ targetUrl, clientSecret, events, ... })` delivers events like HubSpot: signed v3, ≤100 per
 *   request, bounded concurrency, retries with backoff.
 *
 * Install a portal: open `${url}/oauth/authorize?client_id=…&redirect_uri=…&scope=…` (the sandbox redirects
 * to `redirect_uri?code=…&state=…`), then POST the code to `${url}/oauth/2026-03/token`; or call `issueTokens(portalId)`.
 */
export { createHubspotSandbox } from './emulator';
export type { HubspotSandbox, HubspotSandboxOptions, ListeningSandbox } from './emulator';
export type { AppCredentials } from './oauth-routes';
export type { IssuedTokens } from './oauth-store';
export type { Faults } from './faults';
export type { RateLimitPolicy } from './rate-limit';
export type { CallFilter, RecordedCall } from './call-log';
export { callPaths } from './route-paths';
export { SERVED_API_VERSIONS } from './api-versions';
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
