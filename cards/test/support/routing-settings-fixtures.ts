import type { BusinessCalendar, Owner, PortalSettings, RoutingPreview, RoutingSettings, SettingsOverview, SlaSettings } from '../../src/shared/types';
import { OVERVIEW, SETTINGS } from './settings-fixtures';

export const OWNERS: Owner[] = [
  { ownerId: '101', userId: 9101, name: 'Ada Lovelace', email: 'ada@example.com', archived: false },
  { ownerId: '102', userId: 9102, name: 'Grace Hopper', email: 'grace@example.com', archived: false },
  { ownerId: '103', userId: 9103, name: 'Alan Turing', email: 'alan@example.com', archived: false },
  { ownerId: '109', userId: 9109, name: 'Former Rep', email: null, archived: true },
];

const BERLIN_OFFICE: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  workingHours: { mon: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] },
  holidays: { country: 'DE', region: 'BY', extra: ['2025-12-24'] },
};

/** Two rules (DACH to its pool, good fit to inbound), a weighted inbound pool and a round-robin DACH pool. */
export const ROUTING: RoutingSettings = {
  useCompanyOwner: true,
  rules: [
    { id: 'dach', label: 'DACH', when: [{ subject: 'property', property: 'country', test: { op: 'in', values: ['Germany', 'Austria'] } }], poolId: 'dach' },
    { id: 'good_fit', label: 'Good fit', when: [{ subject: 'score', score: 'fit', test: { op: 'range', min: 40 } }], poolId: 'inbound' },
  ],
  defaultPool: 'inbound',
  pools: [
    { id: 'inbound', label: 'Inbound', strategy: 'weighted', members: [{ ownerId: '101', weight: 2, caps: { perDay: 10 } }], managerOwnerId: '102' },
    { id: 'dach', label: 'DACH', strategy: 'round_robin', members: [{ ownerId: '102', weight: 1, caps: {} }], managerOwnerId: '102' },
  ],
  reps: {
    '101': { calendar: { ...BERLIN_OFFICE, timeZone: 'America/New_York', holidays: { country: 'US' } }, outOfOffice: [{ from: '2025-08-04', to: '2025-08-08' }], away: false },
    '102': { calendar: BERLIN_OFFICE, outOfOffice: [], away: true },
  },
};

export const SLA: SlaSettings = {
  policies: [
    { id: 'dach_fast', label: 'DACH, fast', appliesTo: { poolIds: ['dach'] }, firstTouchWithinHours: 2, reminderAtFraction: 0.5, onBreach: 'escalate', clearOwnerOnRecycle: false },
    { id: 'everyone', label: 'Everyone else', appliesTo: {}, firstTouchWithinHours: 8, reminderAtFraction: 0.75, onBreach: 'reassign', clearOwnerOnRecycle: false },
  ],
  defaultCalendar: { timeZone: 'America/New_York', workingHours: { mon: [{ start: '08:00', end: '18:00' }] }, holidays: {} },
};

export const ROUTED_SETTINGS: PortalSettings = { ...SETTINGS, routing: ROUTING, sla: SLA };

export const ROUTED_OVERVIEW: SettingsOverview = { ...OVERVIEW, live: { ...OVERVIEW.live, settings: ROUTED_SETTINGS } };

export const ROUTING_PREVIEW: RoutingPreview = {
  evaluatedAt: '2025-03-04T15:00:00.000Z',
  leads: [
    {
      contactId: 501,
      salesReadyAt: '2025-03-04T14:00:00.000Z',
      actual: { kind: 'assigned', ownerId: '101', poolId: 'inbound' },
      preview: { kind: 'assigned', ownerId: '102', poolId: 'dach', ruleId: 'dach', reason: 'Rule "DACH" matched; pool "DACH" (round robin) chose owner 102.' },
    },
    {
      contactId: 502,
      salesReadyAt: '2025-03-04T13:00:00.000Z',
      actual: null,
      preview: { kind: 'held', ownerId: null, poolId: 'inbound', ruleId: 'default', reason: 'No rule matched, so the default pool; nobody can take the lead.' },
    },
    {
      contactId: 503,
      salesReadyAt: '2025-03-03T09:00:00.000Z',
      actual: { kind: 'assigned', ownerId: '101', poolId: 'inbound' },
      preview: { kind: 'assigned', ownerId: '101', poolId: 'inbound', ruleId: 'good_fit', reason: 'Rule "Good fit" matched.' },
    },
  ],
  perOwner: [
    { ownerId: '101', name: 'Ada Lovelace', actual: 2, preview: 1 },
    { ownerId: '102', name: 'Grace Hopper', actual: 0, preview: 1 },
  ],
  held: 1,
  changed: 2,
};
