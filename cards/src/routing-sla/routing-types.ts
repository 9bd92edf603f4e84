/**
 * The routing & SLA card's API as the card sees it. Mirrors the service's zod contract in
 * src/api/routing-card-responses.ts (routingCardResponse) and src/leads/card-actions.ts (cardActionBody); the extensions are
 * bundled on their own, so they declare the shapes instead of importing them.
 */
import type { LeadStatus } from '../shared/types';

export type SlaState = 'on_track' | 'at_risk' | 'breached' | 'met' | 'reassigned' | 'recycled';

export interface RoutingOwner {
  ownerId: string;
  name: string;
}

export interface RoutingAssignment {
  kind: 'assigned' | 'held' | 'released';
  ownerId: string | null;
  poolId: string | null;
  poolLabel: string | null;
  /** A rule id, 'company_owner', 'default', 'manual' (a user's reassignment), 'sla' (released by the SLA), 'hubspot_lookup' or 'hold_queue'. */
  ruleId: string;
  ruleLabel: string | null;
  /** Set by the matching rule; it picks the SLA policy. */
  priority: 'high' | 'normal' | 'low';
  reason: string;
  decidedAt: string;
}

export interface SlaClock {
  state: SlaState;
  policyId: string;
  policyLabel: string | null;
  assignedAt: string;
  dueAt: string;
  remindAt: string;
  firstTouchAt: string | null;
  breachedAt: string | null;
  /** Business minutes left until due at `asOf` in the owner's calendar (negative once overdue, in wall-clock minutes). */
  remainingBusinessMinutes: number;
  /** Whether the owner's business time is running at `asOf` (the countdown moves only then). */
  ticking: boolean;
  timeZone: string;
  /** Whose hours the clock counts: the owner's HubSpot working hours, an admin's override, or the default calendar. */
  calendarSource?: 'hubspot' | 'override' | 'default_calendar';
}

export type RoutingHistoryKind = 'assigned' | 'held' | 'released' | 'touch' | 'reminded' | 'breached';

export interface RoutingHistoryItem {
  at: string;
  kind: RoutingHistoryKind;
  ownerId: string | null;
  ownerName: string | null;
  poolId: string | null;
  detail: string;
}

export interface RoutingCardView {
  contactId: number;
  status: LeadStatus;
  /** False when the portal has no routing settings: the card says so and offers no actions. */
  routingConfigured: boolean;
  /** The owner the app assigned (latest decision 'assigned'); null when held, released or never routed. */
  owner: RoutingOwner | null;
  /** The latest routing decision. */
  assignment: RoutingAssignment | null;
  /** The current first-touch clock; null when none runs. */
  sla: SlaClock | null;
  /** Newest first, at most 50. */
  history: RoutingHistoryItem[];
  /** The rep looking at the card, when their HubSpot user is an owner here, and whether they switched themselves away. */
  me: (RoutingOwner & { away: boolean }) | null;
  /** Targets of the reassign action. */
  choices: { pools: { id: string; label: string }[]; owners: RoutingOwner[] };
  asOf: string;
}

export type ReassignTarget = { poolId: string } | { ownerId: string };

/** A rep's action on the card (the body of POST /api/cards/routing/action). */
export type RoutingAction =
  | { contactId: number; kind: 'reassign'; to: ReassignTarget; reason?: string }
  | { contactId: number; kind: 'touched'; note?: string }
  | { contactId: number; kind: 'recycle'; reason: string }
  /** The rep's own away switch: no new leads while it is on. */
  | { contactId: number; kind: 'away'; away: boolean };

export type RoutingActionKind = RoutingAction['kind'];
