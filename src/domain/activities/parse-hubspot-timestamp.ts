/**
 * Epoch ms from a HubSpot datetime value: webhooks send epoch milliseconds ("1736157600000"),
 * the CRM API sends ISO 8601 ("2025-01-06T10:00:00Z"). Undefined for anything else.
 */
export function parseHubspotTimestamp(value: string | null | undefined): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const at = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isFinite(at) ? at : undefined;
}
