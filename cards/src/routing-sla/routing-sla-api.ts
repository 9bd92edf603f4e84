import { ApiError, callApi } from '../shared/call-api';
import type { RoutingAction, RoutingCardView } from './routing-types';

/** Who owns the contact and why, and its first-touch clock; null when the lead manager has never seen the contact. */
export async function loadRouting(contactId: string): Promise<RoutingCardView | null> {
  try {
    const { routing } = await callApi<{ routing: RoutingCardView }>('/api/cards/routing', { query: { contactId } });
    return routing;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === 'not_scored') return null;
    throw error;
  }
}

/** A rep's action on the routing; the service answers with the card as it now stands. */
export async function actOnRouting(action: RoutingAction): Promise<RoutingCardView> {
  try {
    const { routing } = await callApi<{ routing: RoutingCardView }>('/api/cards/routing/action', { method: 'POST', body: action });
    return routing;
  } catch (error) {
    // A conflict's `error` is a sentence for the rep (e.g. there is no clock to touch).
    if (error instanceof ApiError && error.status === 409 && error.code) throw new Error(error.code);
    throw error;
  }
}
