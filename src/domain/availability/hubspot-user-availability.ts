import { WEEKDAYS, businessCalendarSchema, type BusinessCalendar, type Weekday } from '../calendar';
import { isTimeZone } from '../calendar/is-time-zone';
import type { RepAvailability } from '../routing/rep-availability';

/** The user-object properties that say when a HubSpot user works (object 0-115, scope crm.objects.users.read). */
export const HUBSPOT_AVAILABILITY_PROPERTIES = ['hs_internal_user_id', 'hs_availability_status', 'hs_working_hours', 'hs_out_of_office_hours', 'hs_standard_time_zone'] as const;

/** What HubSpot's user record said about a user, as read (property values are text, or missing). */
export interface HubspotUserProperties {
  availabilityStatus?: string | null | undefined;
  /** A JSON array of `{ days, startMinute, endMinute }`, minutes of the local day in `timeZone`. */
  workingHours?: string | null | undefined;
  /** A JSON array of `{ startTimestamp, endTimestamp }` in epoch milliseconds. */
  outOfOfficeHours?: string | null | undefined;
  timeZone?: string | null | undefined;
}

/** A user's availability as HubSpot says it: `calendar` only when they have working hours there; `problems` for what could not be read. */
export interface HubspotAvailability {
  calendar: BusinessCalendar | undefined;
  outOfOffice: RepAvailability['outOfOffice'];
  away: boolean;
  problems: string[];
}

const DAY_GROUPS: Readonly<Record<string, readonly Weekday[]>> = {
  MONDAY_TO_FRIDAY: ['mon', 'tue', 'wed', 'thu', 'fri'],
  SATURDAY_SUNDAY: ['sat', 'sun'],
  EVERY_DAY: WEEKDAYS,
  MONDAY: ['mon'],
  TUESDAY: ['tue'],
  WEDNESDAY: ['wed'],
  THURSDAY: ['thu'],
  FRIDAY: ['fri'],
  SATURDAY: ['sat'],
  SUNDAY: ['sun'],
};

const isMinute = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 24 * 60;
const timeOfDay = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJsonArray(text: string, property: string, problems: string[]): unknown[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return parsed;
    problems.push(`${property} is not a JSON array`);
  } catch {
    problems.push(`${property} is not JSON`);
  }
  return [];
}

/** Merges one day's minute ranges that touch or overlap, in order. */
function mergeRanges(ranges: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * `hs_working_hours` as working intervals per weekday. Each entry names a day or a group of days
 * (MONDAY_TO_FRIDAY, SATURDAY_SUNDAY, EVERY_DAY) and minutes of the local day (0–1440); an entry that
 * does not fit is left out and said in `problems`.
 */
export function parseWorkingHours(text: string, problems: string[]): BusinessCalendar['workingHours'] {
  const byDay = new Map<Weekday, [number, number][]>();
  parseJsonArray(text, 'hs_working_hours', problems).forEach((entry, index) => {
    const days = isRecord(entry) && typeof entry.days === 'string' ? DAY_GROUPS[entry.days] : undefined;
    const start = isRecord(entry) ? entry.startMinute : undefined;
    const end = isRecord(entry) ? entry.endMinute : undefined;
    if (!days || !isMinute(start) || !isMinute(end) || start >= end) {
      problems.push(`hs_working_hours entry ${index + 1} is not { days, startMinute < endMinute within 0–1440 }: ${JSON.stringify(entry)}`);
      return;
    }
    for (const day of days) byDay.set(day, [...(byDay.get(day) ?? []), [start, end]]);
  });
  return Object.fromEntries(
    [...byDay].map(([day, ranges]) => [day, mergeRanges(ranges).map(([start, end]) => ({ start: timeOfDay(start), end: timeOfDay(end) }))]),
  );
}

/** `hs_out_of_office_hours` as instants (from inclusive, to exclusive); entries that do not fit are left out and said in `problems`. */
export function parseOutOfOfficeHours(text: string, problems: string[]): RepAvailability['outOfOffice'] {
  return parseJsonArray(text, 'hs_out_of_office_hours', problems).flatMap((entry, index) => {
    const start = isRecord(entry) ? entry.startTimestamp : undefined;
    const end = isRecord(entry) ? entry.endTimestamp : undefined;
    if (typeof start !== 'number' || typeof end !== 'number' || !Number.isFinite(start) || !Number.isFinite(end) || start > end || Number.isNaN(new Date(end).getTime())) {
      problems.push(`hs_out_of_office_hours entry ${index + 1} is not { startTimestamp ≤ endTimestamp } in epoch ms: ${JSON.stringify(entry)}`);
      return [];
    }
    return [{ from: new Date(start).toISOString(), to: new Date(end).toISOString() }];
  });
}

/**
 * What a HubSpot user record says about when its user can take leads. The calendar uses the user's own
 * time zone (`fallbackTimeZone` when HubSpot has none or one this runtime does not know) and has no
 * public holidays: time off in HubSpot is out-of-office time. HubSpot switches a user to away for the
 * length of an out-of-office period; an away status read inside such a period is that automatic one, so
 * it ends with the period instead of lasting until the next read.
 */
export function hubspotAvailability(user: HubspotUserProperties, readAt: number, fallbackTimeZone: string): HubspotAvailability {
  const problems: string[] = [];
  const outOfOffice = user.outOfOfficeHours ? parseOutOfOfficeHours(user.outOfOfficeHours, problems) : [];
  const status = user.availabilityStatus?.trim().toLowerCase() ?? '';
  if (status !== '' && status !== 'available' && status !== 'away') problems.push(`hs_availability_status "${user.availabilityStatus}" is neither available nor away`);
  const awayForOutOfOffice = outOfOffice.some(({ from, to }) => Date.parse(from) <= readAt && readAt < Date.parse(to));
  const away = status === 'away' && !awayForOutOfOffice;

  let calendar: BusinessCalendar | undefined;
  if (user.workingHours) {
    const zone = user.timeZone?.trim() ?? '';
    const knownZone = zone !== '' && isTimeZone(zone);
    if (zone !== '' && !knownZone) problems.push(`hs_standard_time_zone "${zone}" is not a time zone this service knows; used ${fallbackTimeZone}`);
    const workingHours = parseWorkingHours(user.workingHours, problems);
    if (Object.keys(workingHours).length > 0) {
      const parsed = businessCalendarSchema.safeParse({ timeZone: knownZone ? zone : fallbackTimeZone, workingHours, holidays: {} });
      if (parsed.success) calendar = parsed.data;
      else problems.push(`hs_working_hours gives no usable working hours (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    }
  }
  return { calendar, outOfOffice, away, problems };
}
