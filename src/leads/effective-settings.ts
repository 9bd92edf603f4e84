import { effectiveReps, hubspotAvailability, type HubspotAvailability } from '../domain/availability';
import type { LiveSettings } from '../domain/portal-settings';
import type { Queryable } from '../store/db';
import { availabilityReadStatus, storedRepAvailability } from '../store/rep-availability';

interface Joined {
  live: LiveSettings;
  readAt: number | undefined;
  value: LiveSettings;
}

/** Per portal, the last join: kept while neither the settings nor the read change, so each calendar's days are worked out once. */
const joined = new Map<number, Joined>();

/**
 * The live settings with every rep's availability as routing and the SLA clock use it: the settings' reps are
 * overrides, then what HubSpot's users object said at the last read, then the default calendar for pool
 * members with neither. While HubSpot's users have never been read (or the scope is not granted) the
 * settings' reps stand as they are.
 */
export async function withRepAvailability(db: Queryable, portalId: number, live: LiveSettings): Promise<LiveSettings> {
  const routing = live.settings.routing;
  if (!routing) return live;
  const status = await availabilityReadStatus(db, portalId);
  const readAt = status?.readAt?.getTime();
  const last = joined.get(portalId);
  if (last && last.live === live && last.readAt === readAt) return last.value;

  const defaultCalendar = live.settings.sla?.defaultCalendar;
  let hubspot: Map<string, HubspotAvailability> | undefined;
  if (readAt !== undefined) {
    const fallbackZone = defaultCalendar?.timeZone ?? 'UTC';
    hubspot = new Map((await storedRepAvailability(db, portalId)).map((user) => [user.ownerId, hubspotAvailability(user, readAt, fallbackZone)]));
  }
  const reps = effectiveReps({
    overrides: routing.reps,
    hubspot,
    ownerIds: routing.pools.flatMap((pool) => pool.members.map((member) => member.ownerId)),
    defaultCalendar,
  });
  const value: LiveSettings = { ...live, settings: { ...live.settings, routing: { ...routing, reps } } };
  joined.set(portalId, { live, readAt, value });
  return value;
}
