/**
 * HubSpot versions its APIs by date: a version every March and September, each supported for 18
 * months, at `/<api>/<version>/<resource>`. Every path the app calls is built here from one version,
 * so moving to the next one is a change of `DEFAULT_HUBSPOT_API_VERSION` (and the emulator's
 * `SERVED_API_VERSIONS`).
 */
export const DEFAULT_HUBSPOT_API_VERSION = '2026-03';

/** YYYY-MM, March or September. */
export const API_VERSION_PATTERN = /^20\d\d-(03|09)$/;

export type ApiPaths = ReturnType<typeof hubspotApiPaths>;

const segment = (value: string | number): string => encodeURIComponent(String(value));

export function hubspotApiPaths(version: string = DEFAULT_HUBSPOT_API_VERSION) {
  if (!API_VERSION_PATTERN.test(version)) throw new Error(`not a HubSpot API version: ${version} (expected YYYY-03 or YYYY-09)`);
  const objects = (objectType: string) => `/crm/objects/${version}/${segment(objectType)}`;
  const properties = (objectType: string) => `/crm/properties/${version}/${segment(objectType)}`;
  return {
    version,
    objects,
    object: (objectType: string, id: string) => `${objects(objectType)}/${segment(id)}`,
    batchRead: (objectType: string) => `${objects(objectType)}/batch/read`,
    batchUpdate: (objectType: string) => `${objects(objectType)}/batch/update`,
    search: (objectType: string) => `${objects(objectType)}/search`,
    associationsBatchRead: (fromType: string, toType: string) =>
      `/crm/associations/${version}/${segment(fromType)}/${segment(toType)}/batch/read`,
    properties,
    property: (objectType: string, name: string) => `${properties(objectType)}/${segment(name)}`,
    propertyGroups: (objectType: string) => `${properties(objectType)}/groups`,
    propertiesBatchCreate: (objectType: string) => `${properties(objectType)}/batch/create`,
    owners: `/crm/owners/${version}`,
    oauthToken: `/oauth/${version}/token`,
    oauthIntrospect: `/oauth/${version}/token/introspect`,
    appUninstall: `/appinstalls/${version}/external-install`,
  };
}
