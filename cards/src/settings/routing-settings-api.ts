import { callApi } from '../shared/call-api';
import type { Owner, PortalSettings, RoutingPreview } from '../shared/types';

/** The portal's HubSpot owners (active first, by name), to pick pool members, managers and reps from. */
export async function loadOwners(): Promise<Owner[]> {
  return (await callApi<{ owners: Owner[] }>('/api/settings/owners')).owners;
}

/** Where the latest `limit` sales-ready leads would go under the draft's routing, beside where they went. */
export function previewRouting(draft: PortalSettings, limit: number): Promise<RoutingPreview> {
  return callApi<RoutingPreview>('/api/settings/preview-routing', { method: 'POST', body: { draft, limit } });
}
