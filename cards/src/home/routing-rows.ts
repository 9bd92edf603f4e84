import type { PoolShare, RoutingReport, SlaCounts } from './routing-types';

/** A deviation from the target share beyond this many percentage points is highlighted. */
export const OFF_TARGET_POINTS = 5;

export interface SlaRow extends SlaCounts {
  key: string;
  kind: 'rep' | 'pool' | 'all';
  pool: string;
  rep: string;
}

export interface ShareRow extends PoolShare {
  /** Actual minus target share, in percentage points to one decimal. */
  deviationPoints: number;
  offTarget: boolean;
}

export function poolName(label: string | null): string {
  return label ?? 'Direct (no pool)';
}

/** The reps of each pool followed by the pool's total, then all pools together. */
export function slaRows(report: RoutingReport): SlaRow[] {
  const rows = report.pools.flatMap((pool): SlaRow[] => {
    const name = poolName(pool.poolLabel);
    const reps = report.sla
      .filter((rep) => rep.poolId === pool.poolId)
      .map((rep): SlaRow => ({ ...counts(rep), key: `${rep.poolId ?? ''}|${rep.ownerId}`, kind: 'rep', pool: name, rep: rep.ownerName }));
    return [...reps, { ...counts(pool), key: `${pool.poolId ?? ''}|total`, kind: 'pool', pool: name, rep: 'Pool total' }];
  });
  return [...rows, { ...counts(report.totals), key: 'all', kind: 'all', pool: 'All pools', rep: 'Total' }];
}

export function shareRows(distribution: readonly PoolShare[]): ShareRow[] {
  return distribution.map((share) => {
    const deviationPoints = Math.round((share.actualShare - share.targetShare) * 1000) / 10;
    return { ...share, deviationPoints, offTarget: Math.abs(deviationPoints) > OFF_TARGET_POINTS };
  });
}

function counts({ met, breached, open, reassigned, metRate }: SlaCounts): SlaCounts {
  return { met, breached, open, reassigned, metRate };
}
