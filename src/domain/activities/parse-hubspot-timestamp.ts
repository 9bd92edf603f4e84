import { LIMITS } from '../../limits';

const { earliestOccurredAt, latestOccurredAt } = LIMITS.webhooks;

/**
 * Epoch ms from a HubSpot datetime value: webhooks send epoch milliseconds ("1736157600000"),
 * the CRM API sends ISO 8601 ("2025-01-06T10:00:00Z"). Undefined for anything else, and for a time
 * outside what an event may carry (1970 to 2100), which nothing downstream could store.
 */
export function parseHubspotTimestamp(value: string | null | undefined): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const at = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isFinite(at) && at >= earliestOccurredAt && at < latestOccurredAt ? at : undefined;
}
