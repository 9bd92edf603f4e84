import type { LeadStatus } from '../qualification/lead-status';
import type { Grade, ScoreResult } from '../scoring';
import type { LeadPriority } from '../sla/sla-policy';
import type { PoolState, RepState } from './pool-state';
import type { RoutingSettings } from './routing-settings';

export interface RoutingLead {
  contactId: string;
  /** Contact properties by internal name (null or missing: not set). */
  properties: Readonly<Record<string, string | null | undefined>>;
  score: Pick<ScoreResult, 'total' | 'fit' | 'engagement'>;
  grade: Grade;
  status: LeadStatus;
}

export interface RouteLeadInput {
  lead: RoutingLead;
  /** Owner of the contact's primary company, when it has one. */
  companyOwnerId?: string;
  settings: RoutingSettings;
  /** Persistent state per pool id; a pool without one starts empty. */
  poolStates: Readonly<Record<string, PoolState>>;
  /** Counters per owner id; an owner without one has none. */
  repStates: Readonly<Record<string, RepState>>;
  /** Owners who may not take this lead, with why (deactivated in HubSpot, let its SLA lapse…). */
  excluded?: Readonly<Record<string, string>>;
  now: number;
}

export type SkipReason = 'away' | 'out_of_office' | 'holiday' | 'off_hours' | 'daily_cap' | 'open_cap' | 'excluded';

export interface SkippedMember {
  ownerId: string;
  reason: SkipReason;
  detail: string;
}

export type RoutingDecision =
  | {
      kind: 'assigned';
      ownerId: string;
      /** From the first rule the lead matches (even when its company owner takes it); normal when none says. */
      priority: LeadPriority;
      /** Null when the company owner took the lead (no pool involved). */
      poolId: string | null;
      /** The matching rule's id, 'company_owner' or 'default'. */
      ruleId: string;
      reason: string;
      /** The pool's state after this assignment, to store in place of the old one; null with poolId. */
      poolState: PoolState | null;
      skipped: SkippedMember[];
    }
  | {
      kind: 'held';
      poolId: string;
      priority: LeadPriority;
      ruleId: string;
      reason: string;
      /** The pool's manager, to alert that a lead waits in the hold queue. */
      alertOwnerId: string;
      skipped: SkippedMember[];
    };
