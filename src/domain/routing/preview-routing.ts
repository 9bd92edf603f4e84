import type { PoolState, RepState } from './pool-state';
import { recordAssignment } from './record-assignment';
import { routeLead } from './route-lead';
import type { RoutingDecision, RoutingLead } from './routing-input';
import type { RoutingSettings } from './routing-settings';

export interface PreviewLead {
  lead: RoutingLead;
  companyOwnerId?: string;
}

export interface RoutingStates {
  poolStates: Readonly<Record<string, PoolState>>;
  repStates: Readonly<Record<string, RepState>>;
}

export interface RoutingPreview extends RoutingStates {
  decisions: Array<{ contactId: string; decision: RoutingDecision }>;
  /** Leads each owner would get. */
  perOwner: Record<string, number>;
  held: number;
}

/**
 * Where these leads would go, in order, if they arrived at `now` under `settings`, starting from
 * `initial` states (nothing is stored). Each assignment advances the states the next lead sees.
 */
export function previewRouting(settings: RoutingSettings, leads: readonly PreviewLead[], initial: RoutingStates, now: number): RoutingPreview {
  let { poolStates, repStates } = initial;
  const decisions: RoutingPreview['decisions'] = [];
  const perOwner: Record<string, number> = {};
  let held = 0;
  for (const { lead, companyOwnerId } of leads) {
    const decision = routeLead({ lead, ...(companyOwnerId === undefined ? {} : { companyOwnerId }), settings, poolStates, repStates, now });
    decisions.push({ contactId: lead.contactId, decision });
    if (decision.kind === 'held') {
      held += 1;
      continue;
    }
    perOwner[decision.ownerId] = (perOwner[decision.ownerId] ?? 0) + 1;
    repStates = recordAssignment(repStates, decision.ownerId, now);
    if (decision.poolId !== null && decision.poolState !== null) poolStates = { ...poolStates, [decision.poolId]: decision.poolState };
  }
  return { decisions, perOwner, held, poolStates, repStates };
}
