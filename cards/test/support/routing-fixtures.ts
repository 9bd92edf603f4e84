import type { RoutingCardView, RoutingHistoryItem, SlaClock } from '../../src/routing-sla/routing-types';

/** When the service answered: 10:00 AM in the portal's time zone (America/New_York, the renderer's mock). */
export const AS_OF = '2025-03-04T15:00:00.000Z';

export function anSla(overrides: Partial<SlaClock> = {}): SlaClock {
  return {
    state: 'on_track',
    policyId: 'emea_first_touch',
    policyLabel: 'EMEA: 4 business hours',
    assignedAt: '2025-03-04T13:45:00.000Z',
    dueAt: '2025-03-04T17:15:00.000Z',
    remindAt: '2025-03-04T16:15:00.000Z',
    firstTouchAt: null,
    breachedAt: null,
    remainingBusinessMinutes: 135,
    ticking: true,
    timeZone: 'Europe/Dublin',
    ...overrides,
  };
}

export function aHistoryItem(overrides: Partial<RoutingHistoryItem> = {}): RoutingHistoryItem {
  return {
    at: '2025-03-04T13:45:00.000Z',
    kind: 'assigned',
    ownerId: '101',
    ownerName: 'Ana Reyes',
    poolId: 'emea',
    detail: 'Country is Ireland',
    ...overrides,
  };
}

/** `count` reminders, a minute apart, newest first, each named by its number ("Reminder 1" is the newest). */
export function reminders(count: number): RoutingHistoryItem[] {
  return Array.from({ length: count }, (_, index) =>
    aHistoryItem({ kind: 'reminded', at: new Date(Date.parse(AS_OF) - (index + 1) * 60_000).toISOString(), detail: `Reminder ${index + 1}` }),
  );
}

export function aRoutingView(overrides: Partial<RoutingCardView> = {}): RoutingCardView {
  return {
    contactId: 123,
    status: 'sql',
    routingConfigured: true,
    owner: { ownerId: '101', name: 'Ana Reyes' },
    assignment: {
      kind: 'assigned',
      ownerId: '101',
      poolId: 'emea',
      poolLabel: 'EMEA enterprise',
      ruleId: 'emea_countries',
      ruleLabel: 'EMEA countries',
      priority: 'high',
      reason: 'Country is Ireland',
      decidedAt: '2025-03-04T13:45:00.000Z',
    },
    sla: anSla(),
    history: [
      aHistoryItem({ kind: 'reminded', at: '2025-03-04T14:45:00.000Z', poolId: null, detail: 'Reminder sent to Ana Reyes' }),
      aHistoryItem(),
      aHistoryItem({ kind: 'held', at: '2025-03-04T13:00:00.000Z', ownerId: null, ownerName: null, poolId: 'na', detail: 'Every rep in the pool is away' }),
    ],
    choices: {
      pools: [
        { id: 'emea', label: 'EMEA enterprise' },
        { id: 'na', label: 'North America' },
      ],
      owners: [
        { ownerId: '101', name: 'Ana Reyes' },
        { ownerId: '102', name: 'Ben Okafor' },
        { ownerId: '103', name: 'Chen Wei' },
      ],
    },
    me: { ownerId: '101', name: 'Ana Reyes', away: false },
    asOf: AS_OF,
    ...overrides,
  };
}

/** A lead the routing could not place: no owner, no clock. */
export function aHeldView(overrides: Partial<RoutingCardView> = {}): RoutingCardView {
  return aRoutingView({
    owner: null,
    sla: null,
    assignment: {
      kind: 'held',
      ownerId: null,
      poolId: 'na',
      poolLabel: 'North America',
      ruleId: 'default',
      ruleLabel: null,
      priority: 'normal',
      reason: 'Every rep in North America is at their daily cap',
      decidedAt: '2025-03-04T13:00:00.000Z',
    },
    ...overrides,
  });
}
