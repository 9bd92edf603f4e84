import { ApiError, callApi } from '../shared/call-api';
import type { DecisionKind, Lead } from '../shared/types';

/** The contact's score and qualification, or null when the lead manager has not scored it yet. */
export async function loadLeadScore(contactId: string): Promise<Lead | null> {
  try {
    const { lead } = await callApi<{ lead: Lead }>('/api/cards/lead-score', { query: { contactId } });
    return lead;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === 'not_scored') return null;
    throw error;
  }
}

export interface Decision {
  kind: DecisionKind;
  reason?: string;
}

/** A rep's decision on the lead; the service answers with the lead as it now stands. */
export async function decideLead(contactId: string, { kind, reason }: Decision): Promise<Lead> {
  const body = reason === undefined ? { contactId, kind } : { contactId, kind, reason };
  const { lead } = await callApi<{ lead: Lead }>('/api/cards/lead-score/decision', { method: 'POST', body });
  return lead;
}
