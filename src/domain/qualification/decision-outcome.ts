import type { Decision, LeadStatus } from './lead-status';

export interface DecisionOutcome {
  to: LeadStatus;
  reason: string;
}

const PAST: Readonly<Record<Decision['kind'], string>> = {
  accept: 'accepted',
  recycle: 'recycled',
  disqualify: 'disqualified',
  reopen: 'reopened',
};

/**
 * Where a rep's decision takes a lead, or undefined when it changes nothing: a disqualified lead
 * only leaves through `reopen` (to `new`, then wherever its score says); only a disqualified or
 * recycled lead can be reopened.
 */
export function decisionOutcome(status: LeadStatus, decision: Decision): DecisionOutcome | undefined {
  const reason = `${PAST[decision.kind]} by ${decision.by}${decision.reason ? `: ${decision.reason}` : ''}`;
  switch (decision.kind) {
    case 'accept':
      return status === 'sql' || status === 'disqualified' ? undefined : { to: 'sql', reason };
    case 'recycle':
      return status === 'recycled' || status === 'disqualified' ? undefined : { to: 'recycled', reason };
    case 'disqualify':
      return status === 'disqualified' ? undefined : { to: 'disqualified', reason };
    case 'reopen':
      return status === 'disqualified' || status === 'recycled' ? { to: 'new', reason } : undefined;
  }
}
