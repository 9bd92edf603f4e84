import type { RoutingSettings } from '../routing';
import type { SlaClock } from '../sla';

export interface ReportClock {
  ownerId: string;
  poolId: string | null;
  clock: SlaClock;
}

export interface ReportAssignment {
  ownerId: string;
  poolId: string | null;
}

export interface RoutingReport {
  sla: { ownerId: string; poolId: string | null; met: number; breached: number; open: number; metRate: number | null }[];
  medianHoursToFirstTouch: number | null;
  distribution: { poolId: string; ownerId: string; assigned: number; actualShare: number; targetShare: number }[];
}

const HOUR = 3_600_000;

/** The home page's routing view: SLA met and breached by rep and pool, time to first touch, and who got what against the weights. */
export function routingReport(clocks: readonly ReportClock[], assignments: readonly ReportAssignment[], routing: RoutingSettings | undefined): RoutingReport {
  const sla = new Map<string, RoutingReport['sla'][number]>();
  const toFirstTouch: number[] = [];
  for (const { ownerId, poolId, clock } of clocks) {
    const key = `${poolId ?? ''}|${ownerId}`;
    const row = sla.get(key) ?? { ownerId, poolId, met: 0, breached: 0, open: 0, metRate: null };
    if (clock.state === 'met') row.met += 1;
    else if (clock.state === 'breached') row.breached += 1;
    else row.open += 1;
    row.metRate = row.met + row.breached === 0 ? null : Math.round((row.met / (row.met + row.breached)) * 1000) / 1000;
    sla.set(key, row);
    if (clock.firstTouchAt !== undefined) toFirstTouch.push(clock.firstTouchAt - clock.assignedAt);
  }
  const sorted = [...toFirstTouch].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length === 0 ? null : sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;

  const distribution: RoutingReport['distribution'] = [];
  for (const pool of routing?.pools ?? []) {
    const inPool = assignments.filter((a) => a.poolId === pool.id);
    const totalWeight = pool.members.reduce((sum, m) => sum + (pool.strategy === 'weighted' ? m.weight : 1), 0);
    for (const member of pool.members) {
      const assigned = inPool.filter((a) => a.ownerId === member.ownerId).length;
      distribution.push({
        poolId: pool.id,
        ownerId: member.ownerId,
        assigned,
        actualShare: inPool.length === 0 ? 0 : Math.round((assigned / inPool.length) * 1000) / 1000,
        targetShare: Math.round(((pool.strategy === 'weighted' ? member.weight : 1) / totalWeight) * 1000) / 1000,
      });
    }
  }
  return {
    sla: [...sla.values()].sort((a, b) => (a.poolId ?? '').localeCompare(b.poolId ?? '') || a.ownerId.localeCompare(b.ownerId)),
    medianHoursToFirstTouch: median === null ? null : Math.round((median / HOUR) * 10) / 10,
    distribution,
  };
}
