import { businessTimeBetween, type BusinessCalendar } from '../calendar';
import type { Pool } from '../routing';
import { medianDuration } from './median-duration';
import type { SlaClock } from '../sla';

/**
 * What the report reads of a clock. The state is compared as a string and `breachedAt` is optional,
 * so clocks written before and after terminal states such as 'reassigned' or 'recycled' existed both count.
 */
export type ReportedClock = Pick<SlaClock, 'assignedAt' | 'firstTouchAt'> & { state: string; breachedAt?: number };

export interface ReportClock {
  ownerId: string;
  poolId: string | null;
  clock: ReportedClock;
}

export interface ReportAssignment {
  ownerId: string;
  poolId: string | null;
  decidedAt: number;
}

export interface RoutingReportInput {
  clocks: readonly ReportClock[];
  assignments: readonly ReportAssignment[];
  /** The live routing settings' pools: their labels and target shares. */
  pools: readonly Pool[];
  /** HubSpot owner names by owner id, as last synced. */
  ownerNames: ReadonlyMap<string, string>;
  /** Only clocks and assignments that started at or after `since` count. */
  period: { days: number; since: number };
  /** Each owner's business calendar (the SLA's), to measure time to first touch in business hours too. */
  calendarOf?: (ownerId: string) => BusinessCalendar;
}

export interface SlaCounts {
  met: number;
  breached: number;
  open: number;
  /** Handed on or recycled before the deadline: neither met nor breached. */
  reassigned: number;
  /** met / (met + breached); null before any clock has an outcome. */
  metRate: number | null;
}

export interface RoutingReport {
  period: { days: number; since: string };
  sla: (SlaCounts & { ownerId: string; ownerName: string; poolId: string | null; poolLabel: string | null })[];
  pools: (SlaCounts & { poolId: string | null; poolLabel: string | null })[];
  totals: SlaCounts;
  medianHoursToFirstTouch: number | null;
  /** The same in the owners' business hours, as the SLA counts it; null without SLA calendars. */
  medianBusinessHoursToFirstTouch: number | null;
  distribution: { poolId: string; poolLabel: string; ownerId: string; ownerName: string; assigned: number; actualShare: number; targetShare: number }[];
}

type Outcome = 'met' | 'breached' | 'open' | 'reassigned';

const HOUR = 3_600_000;

function outcomeOf(clock: ReportedClock): Outcome {
  if (clock.breachedAt !== undefined || clock.state === 'breached') return 'breached';
  if (clock.state === 'met') return 'met';
  if (clock.state === 'on_track' || clock.state === 'at_risk') return 'open';
  return 'reassigned';
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);

function counts(outcomes: readonly Outcome[]): SlaCounts {
  const count = (outcome: Outcome) => outcomes.filter((o) => o === outcome).length;
  const met = count('met');
  const breached = count('breached');
  return { met, breached, open: count('open'), reassigned: count('reassigned'), metRate: met + breached === 0 ? null : share(met, met + breached) };
}

/** Groups items by a key, keeping the order keys were first seen. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * The home page's routing view over a period: SLA outcomes by rep and pool with pool and overall totals,
 * median time to first touch, and who got what in each pool against its target shares.
 */
export function routingReport({ clocks, assignments, pools, ownerNames, period, calendarOf }: RoutingReportInput): RoutingReport {
  const nameOf = (ownerId: string) => ownerNames.get(ownerId) ?? `Owner ${ownerId}`;
  const labelOf = (poolId: string | null) => (poolId === null ? null : (pools.find((pool) => pool.id === poolId)?.label ?? poolId));
  const byPool = (a: { poolLabel: string | null }, b: { poolLabel: string | null }) =>
    Number(a.poolLabel === null) - Number(b.poolLabel === null) || (a.poolLabel ?? '').localeCompare(b.poolLabel ?? '');

  const inPeriod = clocks.filter(({ clock }) => clock.assignedAt >= period.since);
  const sla = [...groupBy(inPeriod, ({ poolId, ownerId }) => `${poolId ?? ''}|${ownerId}`).values()]
    .map((group) => {
      const { ownerId, poolId } = group[0]!;
      return { ownerId, ownerName: nameOf(ownerId), poolId, poolLabel: labelOf(poolId), ...counts(group.map(({ clock }) => outcomeOf(clock))) };
    })
    .sort((a, b) => byPool(a, b) || a.ownerName.localeCompare(b.ownerName) || a.ownerId.localeCompare(b.ownerId));
  const poolTotals = [...groupBy(inPeriod, ({ poolId }) => poolId ?? '').values()]
    .map((group) => ({ poolId: group[0]!.poolId, poolLabel: labelOf(group[0]!.poolId), ...counts(group.map(({ clock }) => outcomeOf(clock))) }))
    .sort(byPool);
  const touched = inPeriod.filter(({ clock }) => clock.firstTouchAt !== undefined);
  const toFirstTouch = touched.map(({ clock }) => clock.firstTouchAt! - clock.assignedAt);
  const businessToFirstTouch = calendarOf ? touched.map(({ ownerId, clock }) => businessTimeBetween(calendarOf(ownerId), clock.assignedAt, clock.firstTouchAt!)) : [];

  const assigned = assignments.filter((assignment) => assignment.decidedAt >= period.since);
  const distribution = pools.flatMap((pool) => {
    const inPool = assigned.filter((assignment) => assignment.poolId === pool.id);
    const weightOf = (ownerId: string) => {
      const member = pool.members.find((candidate) => candidate.ownerId === ownerId);
      return member === undefined ? 0 : pool.strategy === 'weighted' ? member.weight : 1;
    };
    const totalWeight = pool.members.reduce((sum, member) => sum + weightOf(member.ownerId), 0);
    // Owners who left the pool during the period still show, with no target, so the shares add up.
    const formerMembers = [...new Set(inPool.map((assignment) => assignment.ownerId))].filter((ownerId) => weightOf(ownerId) === 0);
    return [...pool.members.map((member) => member.ownerId), ...formerMembers].map((ownerId) => {
      const count = inPool.filter((assignment) => assignment.ownerId === ownerId).length;
      return {
        poolId: pool.id,
        poolLabel: pool.label,
        ownerId,
        ownerName: nameOf(ownerId),
        assigned: count,
        actualShare: share(count, inPool.length),
        targetShare: share(weightOf(ownerId), totalWeight),
      };
    });
  });

  return {
    period: { days: period.days, since: new Date(period.since).toISOString() },
    sla,
    pools: poolTotals,
    totals: counts(inPeriod.map(({ clock }) => outcomeOf(clock))),
    medianHoursToFirstTouch: medianDuration(toFirstTouch, HOUR),
    medianBusinessHoursToFirstTouch: medianDuration(businessToFirstTouch, HOUR),
    distribution,
  };
}
