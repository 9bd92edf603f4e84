/** SLA outcomes of the first-touch clocks started in the period. */
export interface SlaCounts {
  met: number;
  breached: number;
  open: number;
  /** Handed on or recycled by hand before the deadline: neither met nor breached. */
  reassigned: number;
  /** met / (met + breached); null before any clock has an outcome. */
  metRate: number | null;
}

export interface RepSla extends SlaCounts {
  ownerId: string;
  ownerName: string;
  /** Null when the lead went to an owner directly (its company's owner, or a rep's pick), not through a pool. */
  poolId: string | null;
  poolLabel: string | null;
}

export interface PoolSla extends SlaCounts {
  poolId: string | null;
  poolLabel: string | null;
}

export interface PoolShare {
  poolId: string;
  poolLabel: string;
  ownerId: string;
  ownerName: string;
  assigned: number;
  /** 0–1 of the pool's assignments in the period. */
  actualShare: number;
  /** 0–1 from the pool's strategy and weights; 0 for an owner no longer in the pool. */
  targetShare: number;
}

/** GET /api/reports/routing */
export interface RoutingReport {
  period: { days: number; since: string };
  sla: RepSla[];
  pools: PoolSla[];
  totals: SlaCounts;
  medianHoursToFirstTouch: number | null;
  /** The same in the owners' business hours, as the SLA counts it. */
  medianBusinessHoursToFirstTouch: number | null;
  distribution: PoolShare[];
}
