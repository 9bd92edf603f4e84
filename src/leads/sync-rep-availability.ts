import { HUBSPOT_AVAILABILITY_PROPERTIES, hubspotAvailability } from '../domain/availability';
import { HubspotApiError } from '../hubspot/api-error';
import type { HubspotGateway } from '../hubspot/gateway';
import type { Db } from '../store/db';
import type { InstallationRepository } from '../store/installations';
import { ownersOfUsers } from '../store/owners';
import { recordUnreadAvailability, saveRepAvailability, type StoredUserAvailability } from '../store/rep-availability';

/** The optional scope HubSpot's users object needs: a portal installs without it, and the settings then decide. */
export const USERS_OBJECT_SCOPE = 'crm.objects.users.read';

export const NO_USERS_SCOPE = `The portal has not granted ${USERS_OBJECT_SCOPE}, so reps' availability comes from the settings (re-install the app to grant it).`;

export type AvailabilitySyncResult =
  | { outcome: 'read'; users: number; reps: number; problems: Array<{ ownerId: string; problems: string[] }> }
  | { outcome: 'scope_not_granted'; detail: string }
  | { outcome: 'failed'; detail: string; error: unknown };

export interface AvailabilitySyncDeps {
  db: Db;
  gateway: Pick<HubspotGateway, 'forPortal'>;
  installations: Pick<InstallationRepository, 'get'>;
}

/**
 * Reads every user record of the portal (working hours, out of office, away, time zone) and stores it per
 * owner, matched through the owners' user ids (the record's hs_internal_user_id). Users who are not owners
 * are left out. Without the scope, or when HubSpot refuses it, the settings decide and the result says so;
 * when HubSpot fails, what was read before stands.
 */
export async function syncRepAvailability(deps: AvailabilitySyncDeps, portalId: number, now: Date): Promise<AvailabilitySyncResult> {
  const installation = await deps.installations.get(portalId);
  if (!installation?.scopes.includes(USERS_OBJECT_SCOPE)) {
    await recordUnreadAvailability(deps.db, portalId, 'scope_not_granted', NO_USERS_SCOPE, now);
    return { outcome: 'scope_not_granted', detail: NO_USERS_SCOPE };
  }
  let records;
  try {
    records = await deps.gateway.forPortal(portalId).userRecords.listAll(HUBSPOT_AVAILABILITY_PROPERTIES);
  } catch (error) {
    if (error instanceof HubspotApiError && error.status === 403) {
      await recordUnreadAvailability(deps.db, portalId, 'scope_not_granted', NO_USERS_SCOPE, now);
      return { outcome: 'scope_not_granted', detail: NO_USERS_SCOPE };
    }
    const detail = `HubSpot's users could not be read (${error instanceof Error ? error.message : String(error)}); the last read stands.`;
    await recordUnreadAvailability(deps.db, portalId, 'failed', detail, now);
    return { outcome: 'failed', detail, error };
  }
  const active = records.filter((record) => !record.archived && /^\d+$/.test(record.properties.hs_internal_user_id ?? ''));
  const owners = await ownersOfUsers(deps.db, portalId, active.map((record) => Number(record.properties.hs_internal_user_id)));
  const users: StoredUserAvailability[] = active.flatMap((record) => {
    const userId = Number(record.properties.hs_internal_user_id);
    const ownerId = owners.get(userId);
    if (ownerId === undefined) return [];
    const { properties: p } = record;
    return [{ ownerId, userId, availabilityStatus: p.hs_availability_status, workingHours: p.hs_working_hours, outOfOfficeHours: p.hs_out_of_office_hours, timeZone: p.hs_standard_time_zone }];
  });
  await deps.db.transaction((tx) => saveRepAvailability(tx, portalId, users, now));
  const problems = users
    .map((user) => ({ ownerId: user.ownerId, problems: hubspotAvailability(user, now.getTime(), 'UTC').problems }))
    .filter((entry) => entry.problems.length > 0);
  return { outcome: 'read', users: records.length, reps: users.length, problems };
}
