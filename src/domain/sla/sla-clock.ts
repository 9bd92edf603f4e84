import type { BreachAction } from './sla-policy';

/** Running: on_track, at_risk. Ended: met, breached (escalated, still owned), reassigned or recycled (the lead left the owner). */
export type SlaState = 'on_track' | 'at_risk' | 'breached' | 'met' | 'reassigned' | 'recycled';

/**
 * One lead's first-touch clock. It keeps what it needs from its policy, so editing a policy changes
 * new clocks only. The state moves forward only: on_track → at_risk → breached, or to met from the first two.
 */
export interface SlaClock {
  policyId: string;
  onBreach: BreachAction;
  clearOwnerOnRecycle: boolean;
  assignedAt: number;
  dueAt: number;
  remindAt: number;
  state: SlaState;
  /** The owner's first touch after assignment, once seen (also recorded when it came too late). */
  firstTouchAt?: number;
  /** When the window ran out untouched (the due time); kept when the lead is then reassigned or recycled. */
  breachedAt?: number;
}

/** Engagements on the contact, a sales-activity property change, or a rep marking the lead touched on the card. */
export type TouchKind = 'call' | 'email' | 'meeting' | 'note' | 'property' | 'manual';

export interface Touch {
  at: number;
  ownerId: string;
  kind: TouchKind;
}

export type SlaEffect =
  | { kind: 'remind'; ownerId: string }
  | { kind: 'breach'; action: 'reassign' | 'escalate'; ownerId: string }
  | { kind: 'breach'; action: 'recycle'; ownerId: string; clearOwner: boolean };
