import type { TouchKind } from './sla-clock';

const TOUCH_KINDS: Record<string, TouchKind | undefined> = { calls: 'call', emails: 'email', meetings: 'meeting', notes: 'note' };

/** Properties a rep changes while working a lead: a change by a HubSpot user counts as that user's touch. */
export const SALES_ACTIVITY_PROPERTIES: readonly string[] = ['hs_lead_status'];

/** The touch an engagement object type counts as (tasks do not count). */
export const touchKindOf = (objectType: string): TouchKind | undefined => TOUCH_KINDS[objectType];
