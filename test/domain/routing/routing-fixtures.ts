import type { BusinessCalendar } from '../../../src/domain/calendar';
import {
  EMPTY_POOL_STATE,
  recordAssignment,
  routeLead,
  routingSettingsSchema,
  type PoolState,
  type RepAvailability,
  type RepState,
  type RoutingDecision,
  type RoutingLead,
  type RoutingSettings,
  type RoutingSettingsInput,
} from '../../../src/domain/routing';
import { weekdays9to5 } from '../calendar/calendars';

/** Wednesday 5 March 2025, 10:00 UTC. */
export const WEDNESDAY_10_UTC = Date.UTC(2025, 2, 5, 10, 0);
export const HOUR = 3_600_000;

/** A rep working Monday to Friday 9–17 in a time zone, with a country's public holidays and days off if given. */
export const weekdaysNineToFive = (timeZone: string, holidays: BusinessCalendar['holidays'] = {}): RepAvailability => ({
  calendar: weekdays9to5(timeZone, holidays),
  outOfOffice: [],
  away: false,
});

export const owners = (count: number): string[] => Array.from({ length: count }, (_, i) => String(101 + i));

export function lead(overrides: Partial<RoutingLead> = {}): RoutingLead {
  return {
    contactId: '9001',
    properties: { country: 'Germany', numemployees: '50-100', hs_analytics_source: 'ORGANIC_SEARCH' },
    score: { total: 80, fit: 40, engagement: 40 },
    grade: 'B',
    status: 'sql',
    ...overrides,
  };
}

/** Settings with one pool of `ownerIds` (all working 09:00–17:00 UTC on weekdays) and no rules. */
export function onePool(
  strategy: 'round_robin' | 'weighted' | 'least_loaded',
  ownerIds: readonly string[],
  weights: Readonly<Record<string, number>> = {},
): RoutingSettings {
  const input: RoutingSettingsInput = {
    rules: [],
    defaultPool: 'sales',
    pools: [{ id: 'sales', label: 'Sales', strategy, managerOwnerId: '900', members: ownerIds.map((ownerId) => ({ ownerId, weight: weights[ownerId] ?? 1 })) }],
    reps: Object.fromEntries(ownerIds.map((ownerId) => [ownerId, weekdaysNineToFive('UTC')])),
  };
  return routingSettingsSchema.parse(input);
}

/** A running pool: routes leads one after another and keeps the states as the shell would. */
export class Simulation {
  poolStates: Record<string, PoolState> = {};
  repStates: Record<string, RepState> = {};
  readonly counts: Record<string, number> = {};

  constructor(public settings: RoutingSettings, public now = WEDNESDAY_10_UTC) {}

  route(routingLead: RoutingLead = lead(), companyOwnerId?: string): RoutingDecision {
    const decision = routeLead({
      lead: routingLead,
      ...(companyOwnerId === undefined ? {} : { companyOwnerId }),
      settings: this.settings,
      poolStates: this.poolStates,
      repStates: this.repStates,
      now: this.now,
    });
    if (decision.kind === 'assigned') {
      this.repStates = recordAssignment(this.repStates, decision.ownerId, this.now);
      if (decision.poolId !== null && decision.poolState !== null) this.poolStates = { ...this.poolStates, [decision.poolId]: decision.poolState };
      this.counts[decision.ownerId] = (this.counts[decision.ownerId] ?? 0) + 1;
    }
    return decision;
  }

  /** Routes `n` leads and returns how many each owner got among them. */
  routeMany(n: number): Record<string, number> {
    const counts: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const decision = this.route();
      if (decision.kind !== 'assigned') throw new Error(`lead ${i} was held: ${decision.reason}`);
      counts[decision.ownerId] = (counts[decision.ownerId] ?? 0) + 1;
    }
    return counts;
  }

  poolState(poolId = 'sales'): PoolState {
    return this.poolStates[poolId] ?? EMPTY_POOL_STATE;
  }

  /** Replaces the pool's members or a rep's availability, as an admin edit would. */
  edit(change: (settings: RoutingSettingsInput) => RoutingSettingsInput): void {
    this.settings = routingSettingsSchema.parse(change(structuredClone(this.settings)));
  }
}

export function setAway(settings: RoutingSettingsInput, ownerId: string, away: boolean): RoutingSettingsInput {
  const rep = settings.reps[ownerId];
  if (!rep) throw new Error(`no rep ${ownerId}`);
  return { ...settings, reps: { ...settings.reps, [ownerId]: { ...rep, away } } };
}

export function setMembers(settings: RoutingSettingsInput, ownerIds: readonly string[], weights: Readonly<Record<string, number>> = {}): RoutingSettingsInput {
  return {
    ...settings,
    pools: settings.pools.map((pool) => ({ ...pool, members: ownerIds.map((ownerId) => ({ ownerId, weight: weights[ownerId] ?? 1 })) })),
    reps: { ...settings.reps, ...Object.fromEntries(ownerIds.filter((id) => !settings.reps[id]).map((id) => [id, weekdaysNineToFive('UTC')])) },
  };
}
