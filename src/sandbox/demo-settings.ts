import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema, type PortalSettings } from '../domain/portal-settings';

const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
const WEEKDAYS = { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE };
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const EVERY_DAY = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY };
const office = (timeZone: string, country: string, region?: string) => ({
  calendar: { timeZone, workingHours: WEEKDAYS, holidays: { country, ...(region ? { region } : {}) } },
});

/**
 * The demo portal's routing and first-touch SLA, built on its 8 owners (HubSpot ids, in scenario order):
 * large companies go to an enterprise pool (high priority, least loaded), European leads to an EMEA round
 * robin, everyone else to a weighted Americas pool with an overnight desk, so leads flow at any hour of a
 * demo while the office reps keep their own hours (from HubSpot, or overridden here), holidays and caps.
 */
export function demoPortalSettings(ownerIds: readonly string[]): PortalSettings {
  if (ownerIds.length < 8) throw new Error(`the demo routing needs 8 owners, the scenario has ${ownerIds.length}`);
  const [o1, o2, o3, o4, o5, o6, o7, o8] = ownerIds as [string, string, string, string, string, string, string, string];
  return portalSettingsSchema.parse({
    ...DEFAULT_PORTAL_SETTINGS,
    routing: {
      useCompanyOwner: true,
      rules: [
        {
          id: 'enterprise',
          label: 'Enterprise (1,000+ employees)',
          when: [{ subject: 'property', property: 'numemployees', test: { op: 'range', min: 1000 } }],
          poolId: 'enterprise',
          priority: 'high',
        },
        {
          id: 'emea',
          label: 'Europe',
          when: [{ subject: 'property', property: 'country', test: { op: 'in', values: ['United Kingdom', 'Germany', 'France', 'Netherlands', 'Spain'] } }],
          poolId: 'emea',
        },
      ],
      defaultPool: 'americas',
      pools: [
        { id: 'enterprise', label: 'Enterprise', strategy: 'least_loaded', managerOwnerId: o6, members: [o2, o4].map((ownerId) => ({ ownerId, caps: { open: 25 } })) },
        { id: 'emea', label: 'EMEA', strategy: 'round_robin', managerOwnerId: o1, members: [o3, o5].map((ownerId) => ({ ownerId, caps: { perDay: 20 } })) },
        {
          id: 'americas',
          label: 'Americas',
          strategy: 'weighted',
          managerOwnerId: o1,
          members: [
            { ownerId: o7, weight: 2 },
            { ownerId: o8, weight: 1 },
            { ownerId: o6, weight: 1 },
          ],
        },
      ],
      // The other reps' hours, time off and away status come from their HubSpot users; these override them.
      reps: {
        [o3]: office('Europe/London', 'GB'),
        // The overnight desk works around the clock.
        [o6]: { calendar: { timeZone: 'UTC', workingHours: EVERY_DAY, holidays: {} } },
      },
    },
    sla: {
      policies: [
        { id: 'high', label: 'High priority: 2 business hours', appliesTo: { priority: 'high' }, firstTouchWithinHours: 2, reminderAtFraction: 0.5, onBreach: 'escalate', clearOwnerOnRecycle: false },
        { id: 'standard', label: 'Standard: 8 business hours', appliesTo: {}, firstTouchWithinHours: 8, reminderAtFraction: 0.75, onBreach: 'reassign', clearOwnerOnRecycle: false },
      ],
      defaultCalendar: office('America/New_York', 'US').calendar,
    },
  });
}
