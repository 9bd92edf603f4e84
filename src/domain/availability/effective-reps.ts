import { WEEKDAYS, type BusinessCalendar } from '../calendar';
import type { RepAvailability } from '../routing/rep-availability';
import type { RoutingSettings } from '../routing/routing-settings';
import type { HubspotAvailability } from './hubspot-user-availability';

/** Who said it: the user's record in HubSpot, an admin's override in the settings, or the portal's default calendar. */
export type AvailabilitySource = 'hubspot' | 'override' | 'default_calendar';

/**
 * A rep's availability with where it came from: `source` for away and out of office, `calendarSource` for
 * working hours. Both are absent where HubSpot's users are not read and the settings decide, as before.
 */
export interface SourcedAvailability extends RepAvailability {
  source?: AvailabilitySource;
  calendarSource?: AvailabilitySource;
}

/** The calendar of a rep nobody gave hours to, in a portal without SLA settings: never off hours. */
const ALWAYS_OPEN: BusinessCalendar = {
  timeZone: 'UTC',
  workingHours: Object.fromEntries(WEEKDAYS.map((day) => [day, [{ start: '00:00', end: '24:00' }]])),
  holidays: {},
};

export interface EffectiveRepsInput {
  /** The reps an admin set in the routing settings. */
  overrides: RoutingSettings['reps'];
  /** HubSpot's word per owner id; undefined when the portal's users are not read (scope not granted, never read). */
  hubspot: ReadonlyMap<string, HubspotAvailability> | undefined;
  /** Owners who need an entry even without either (pool members). */
  ownerIds: Iterable<string>;
  /** The portal's default calendar (the SLA settings'), for reps without hours of their own. */
  defaultCalendar: BusinessCalendar | undefined;
}

/**
 * One availability per rep, the one routing and the SLA clock both use: an admin's override wins, then
 * what HubSpot's user record says (its working hours, or the default calendar when it has none), then
 * the default calendar. Where HubSpot is not read, the settings' reps stand as they are.
 */
export function effectiveReps({ overrides, hubspot, ownerIds, defaultCalendar }: EffectiveRepsInput): Record<string, SourcedAvailability> {
  const fallback = defaultCalendar ?? ALWAYS_OPEN;
  const reps: Record<string, SourcedAvailability> = {};
  for (const [ownerId, override] of Object.entries(overrides)) {
    reps[ownerId] = hubspot ? { ...override, source: 'override', calendarSource: 'override' } : override;
  }
  for (const [ownerId, user] of hubspot ?? []) {
    if (reps[ownerId]) continue;
    reps[ownerId] = {
      calendar: user.calendar ?? fallback,
      outOfOffice: user.outOfOffice,
      away: user.away,
      source: 'hubspot',
      calendarSource: user.calendar ? 'hubspot' : 'default_calendar',
    };
  }
  for (const ownerId of ownerIds) {
    reps[ownerId] ??= { calendar: fallback, outOfOffice: [], away: false, source: 'default_calendar', calendarSource: 'default_calendar' };
  }
  return reps;
}

const SOURCE_NOTES: Record<AvailabilitySource, string> = { hubspot: ' (HubSpot)', override: ' (override)', default_calendar: ' (default calendar)' };

/** ' (HubSpot)', ' (override)', ' (default calendar)', or nothing when the settings decide as before. */
export const sourceNote = (source: AvailabilitySource | undefined): string => (source ? SOURCE_NOTES[source] : '');
