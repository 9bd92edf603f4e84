import { z } from 'zod';

const sequenceSchema = z.number().int().min(0);

/**
 * What a pool remembers between assignments, keyed by owner id rather than position so that
 * members joining, leaving or returning never shift anyone else's turn.
 */
export const poolStateSchema = z.object({
  /** Assignments made from the pool so far; each assignment's number is the next one. */
  sequence: sequenceSchema,
  members: z.record(
    z.string(),
    z.object({
      /** Number of the assignment that last served this member (round robin serves the lowest). */
      lastServed: sequenceSchema,
      /** Number of the last assignment at which this member could take a lead; older means returning. */
      lastEligible: sequenceSchema,
      /** Smooth weighted round robin's running weight. */
      currentWeight: z.number(),
    }),
  ),
});
export type PoolState = z.infer<typeof poolStateSchema>;
export type MemberState = PoolState['members'][string];

export const EMPTY_POOL_STATE: PoolState = { sequence: 0, members: {} };

/** Per-owner counters the shell keeps (the routing core reads them, `recordAssignment` advances them). */
export interface RepState {
  assignedToday: number;
  openLeads: number;
  /** Epoch ms of the last assignment to this owner from any pool. */
  lastAssignedAt?: number;
}

export const EMPTY_REP_STATE: RepState = { assignedToday: 0, openLeads: 0 };
