import type { BusinessCalendar, RepAvailability, RoutingSettings, SlaSettings, Weekday } from '../shared/types';

const OFFICE_DAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** Monday to Friday, 9 to 5, in the given time zone (the portal's, to start with). */
export function starterCalendar(timeZone: string): BusinessCalendar {
  return { timeZone, workingHours: Object.fromEntries(OFFICE_DAYS.map((day) => [day, [{ start: '09:00', end: '17:00' }]])), holidays: {} };
}

export function starterAvailability(timeZone: string): RepAvailability {
  return { calendar: starterCalendar(timeZone), outOfOffice: [], away: false };
}

/** One round-robin pool that takes every lead, waiting for its members and manager to be chosen. */
export function starterRouting(): RoutingSettings {
  return {
    useCompanyOwner: true,
    rules: [],
    defaultPool: 'inbound',
    pools: [{ id: 'inbound', label: 'Inbound leads', strategy: 'round_robin', members: [], managerOwnerId: '' }],
    reps: {},
  };
}

/** First touch within 4 business hours, a reminder at three quarters, reassignment on breach. */
export function starterSla(timeZone: string): SlaSettings {
  return {
    policies: [
      {
        id: 'first_touch',
        label: 'First touch',
        appliesTo: {},
        firstTouchWithinHours: 4,
        reminderAtFraction: 0.75,
        onBreach: 'reassign',
        clearOwnerOnRecycle: false,
      },
    ],
    defaultCalendar: starterCalendar(timeZone),
  };
}
