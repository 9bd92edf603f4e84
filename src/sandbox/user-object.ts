import { Router } from 'express';
import { z } from 'zod';
import { crmRoute, intParam, listParam, parseBody, portalIdOf, type CrmGuards } from './crm-route';
import { validationError } from './hubspot-errors';
import type { Portal, SandboxState, User } from './state';

/** HubSpot's users object, by name or by object type id, at the dated CRM objects paths of every served version. */
const ROUTES = ['users', '0-115'].map((type) => `/crm/objects/:version/${type}`);
const USER_OBJECT_SCOPES = (): string[] => ['crm.objects.users.read', 'crm.objects.users.write'];
const LIST_LIMIT = 100;
const BATCH_LIMIT = 100;
/** HubSpot returns these whatever is asked for. */
const DEFAULT_PROPERTIES = ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'];
/** Record ids of the users object belong to the account, unlike user ids (hs_internal_user_id). */
const RECORD_ID_BASE = 207_838_000_000;

/** A user's working-time properties as HubSpot stores them: JSON text, as the users API documents. */
export interface UserAvailabilityProperties {
  hs_availability_status?: 'available' | 'away';
  /** `[{ days: 'MONDAY_TO_FRIDAY' | 'MONDAY' | …, startMinute, endMinute }]`, minutes of the local day. */
  hs_working_hours?: string;
  /** `[{ startTimestamp, endTimestamp }]`, epoch milliseconds. */
  hs_out_of_office_hours?: string;
  hs_standard_time_zone?: string;
}

const availabilityByPortal = new WeakMap<Portal, Map<number, UserAvailabilityProperties>>();

/** Sets a user's availability properties (tests and the demo arrange with it); a property given as undefined is cleared. */
export function setUserAvailability(portal: Portal, userId: number, properties: UserAvailabilityProperties): void {
  if (!portal.users.has(userId)) throw new Error(`portal ${portal.portalId} has no user ${userId}`);
  let byUser = availabilityByPortal.get(portal);
  if (!byUser) availabilityByPortal.set(portal, (byUser = new Map()));
  byUser.set(userId, { ...byUser.get(userId), ...properties });
}

const recordId = (user: User): string => String(RECORD_ID_BASE + user.id);

function userProperties(portal: Portal, user: User): Record<string, string> {
  const at = new Date(0).toISOString();
  return {
    hs_object_id: recordId(user),
    hs_internal_user_id: String(user.id),
    hs_email: user.email,
    ...(user.firstName !== undefined && { hs_given_name: user.firstName }),
    ...(user.lastName !== undefined && { hs_family_name: user.lastName }),
    hs_availability_status: 'available',
    hs_createdate: at,
    hs_lastmodifieddate: at,
    ...availabilityByPortal.get(portal)?.get(user.id),
  };
}

/** A record as HubSpot answers it: the default properties and the asked-for ones that have a value (null for the others). */
function userRecord(portal: Portal, user: User, wanted: readonly string[] | undefined) {
  const all = userProperties(portal, user);
  const names = [...new Set([...DEFAULT_PROPERTIES, ...(wanted ?? [])])];
  return {
    id: recordId(user),
    properties: Object.fromEntries(names.flatMap((name) => (all[name] === undefined || all[name] === null ? [] : [[name, all[name]]]))),
    createdAt: all.hs_createdate,
    updatedAt: all.hs_lastmodifieddate,
    archived: false,
  };
}

const batchReadBody = z.object({
  inputs: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String) })),
  properties: z.array(z.string()).optional(),
  idProperty: z.string().optional(),
});

/** HubSpot's users object (0-115): list and batch read at the dated CRM objects paths, one record per user of the portal. */
export function userObjectRoutes(state: SandboxState, guards: CrmGuards): Router {
  const router = Router();
  const sortedUsers = (portal: Portal) => [...portal.users.values()].sort((a, b) => a.id - b.id);

  for (const path of ROUTES) {
    crmRoute(router, guards, { method: 'get', route: { route: path }, scopes: USER_OBJECT_SCOPES }, (req, res) => {
      const portal = state.portal(portalIdOf(res));
      const limit = intParam(req.query.limit, 10);
      if (limit < 1 || limit > LIST_LIMIT) throw validationError(`limit must be between 1 and ${LIST_LIMIT}`);
      const after = req.query.after === undefined ? 0 : Number(req.query.after);
      if (!Number.isFinite(after)) throw validationError(`Invalid after: ${String(req.query.after)}`);
      const remaining = sortedUsers(portal).filter((user) => Number(recordId(user)) > after);
      const page = remaining.slice(0, limit);
      const last = page[page.length - 1];
      const properties = listParam(req.query.properties);
      res.json({
        results: page.map((user) => userRecord(portal, user, properties)),
        ...(remaining.length > limit && last ? { paging: { next: { after: recordId(last), link: `${req.path}?after=${recordId(last)}&limit=${limit}` } } } : {}),
      });
    });

    crmRoute(router, guards, { method: 'post', route: { route: `${path}/batch/read` }, scopes: USER_OBJECT_SCOPES }, (req, res) => {
      const portal = state.portal(portalIdOf(res));
      const body = parseBody(batchReadBody, req.body);
      if (body.inputs.length > BATCH_LIMIT) throw validationError(`Too many inputs: ${body.inputs.length}. The maximum is ${BATCH_LIMIT}.`);
      const byInternalId = body.idProperty === 'hs_internal_user_id';
      if (body.idProperty && !byInternalId && body.idProperty !== 'hs_object_id') throw validationError(`Unable to perform read by non-unique USER property ${body.idProperty}`);
      const users = sortedUsers(portal);
      const results = body.inputs.flatMap(({ id }) => {
        const user = users.find((candidate) => (byInternalId ? String(candidate.id) : recordId(candidate)) === id);
        return user ? [userRecord(portal, user, body.properties)] : [];
      });
      res.json({ status: 'COMPLETE', results, startedAt: new Date().toISOString(), completedAt: new Date().toISOString() });
    });
  }
  return router;
}

const minutes = (hours: number) => hours * 60;
const weekdays = (start: number, end: number) => JSON.stringify([{ days: 'MONDAY_TO_FRIDAY', startMinute: minutes(start), endMinute: minutes(end) }]);

/**
 * The demo portal's reps as their HubSpot users say: office hours in their own zones (a four-day week, a
 * split shift, one away, one out of office for the coming week), so the demo shows HubSpot as the source
 * beside the settings' overrides. Owners are given in scenario order.
 */
export function seedDemoAvailability(portal: Portal, userIds: readonly number[], now: number): void {
  const schedules: UserAvailabilityProperties[] = [
    { hs_standard_time_zone: 'America/New_York', hs_working_hours: weekdays(8, 16) },
    { hs_standard_time_zone: 'America/Chicago', hs_working_hours: weekdays(9, 17) },
    { hs_standard_time_zone: 'Europe/London', hs_working_hours: JSON.stringify([{ days: 'MONDAY_TO_FRIDAY', startMinute: 480, endMinute: 720 }, { days: 'MONDAY_TO_FRIDAY', startMinute: 780, endMinute: 1020 }]) },
    { hs_standard_time_zone: 'America/Chicago', hs_working_hours: JSON.stringify(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY'].map((days) => ({ days, startMinute: 420, endMinute: 1020 }))) },
    { hs_standard_time_zone: 'Europe/Berlin', hs_working_hours: weekdays(9, 18), hs_out_of_office_hours: JSON.stringify([{ startTimestamp: now + 7 * 86_400_000, endTimestamp: now + 14 * 86_400_000 }]) },
    { hs_standard_time_zone: 'UTC' },
    { hs_standard_time_zone: 'America/New_York', hs_working_hours: weekdays(9, 17) },
    { hs_standard_time_zone: 'America/Los_Angeles', hs_working_hours: weekdays(9, 17), hs_availability_status: 'away' },
  ];
  userIds.forEach((userId, index) => {
    const schedule = schedules[index % schedules.length];
    if (schedule) setUserAvailability(portal, userId, schedule);
  });
}
