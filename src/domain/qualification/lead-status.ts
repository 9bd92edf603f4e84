export type LeadStatus = 'new' | 'mql' | 'sql' | 'cooling' | 'recycled' | 'disqualified';

/** A rep's decision on a lead, e.g. accepted by "user:123" with a reason. */
export interface Decision {
  kind: 'accept' | 'recycle' | 'disqualify' | 'reopen';
  at: number;
  by: string;
  reason?: string;
}

export interface Transition {
  from: LeadStatus;
  to: LeadStatus;
  at: number;
  reason: string;
}
