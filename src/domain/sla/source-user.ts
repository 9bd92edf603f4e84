/**
 * The HubSpot user who made a change, from a webhook's sourceId ("userId:123" for a change in HubSpot's UI);
 * undefined for changes by integrations (this app's own write-back included), workflows and imports.
 */
export function userIdOfSource(sourceId: string | undefined): number | undefined {
  const id = /^userId:(\d{1,15})$/.exec(sourceId ?? '')?.[1];
  return id === undefined ? undefined : Number(id);
}
