import type { ApiPaths } from './api-paths';
import { batchChunks } from './batch-chunks';
import type { CrmRecord, Property } from './crm-types';
import type { PortalRequest } from './gateway-portal-client';
import { toCrmRecord, toProperty } from './gateway-mappers';
import { hubspotJson } from './json-request';

/**
 * HubSpot reads at most 50 records per batch read that asks for property histories ("The maximum number of
 * inputs supported in a batch request for property histories is 50").
 */
export const HISTORY_BATCH_LIMIT = 50;

/** One value a property held, as HubSpot's propertiesWithHistory lists them (newest first). */
export interface PropertyHistoryEntry {
  value: string;
  /** ISO 8601. */
  timestamp: string;
  sourceType: string;
  sourceId?: string;
}

export interface CrmRecordWithHistory extends CrmRecord {
  propertiesWithHistory: Record<string, PropertyHistoryEntry[]>;
}

interface BatchReadAnswer {
  results: Array<Parameters<typeof toCrmRecord>[0] & { propertiesWithHistory?: Record<string, PropertyHistoryEntry[]> }>;
}

/**
 * The contacts found among `ids` (missing ones left out) with the current values of `properties` and every value
 * `historyProperties` held, 50 per call, each call under the portal's limiter and retries.
 */
export async function batchReadContactsWithHistory(
  run: PortalRequest,
  paths: ApiPaths,
  ids: readonly string[],
  properties: readonly string[],
  historyProperties: readonly string[],
): Promise<CrmRecordWithHistory[]> {
  const pages = await Promise.all(
    batchChunks([...new Set(ids.map(String))], HISTORY_BATCH_LIMIT).map((chunk) =>
      run('contacts.batchReadWithHistory', (client) =>
        hubspotJson<BatchReadAnswer>(client, {
          method: 'POST',
          path: paths.batchRead('contacts'),
          body: { inputs: chunk.map((id) => ({ id })), properties: [...properties], propertiesWithHistory: [...historyProperties] },
        }),
      ),
    ),
  );
  return pages.flatMap((page) =>
    page.results.map((record) => ({ ...toCrmRecord(record), propertiesWithHistory: record.propertiesWithHistory ?? {} })),
  );
}

/** One property's definition (its options with their display order, for an enumeration). */
export async function readPropertyDefinition(run: PortalRequest, paths: ApiPaths, objectType: string, name: string): Promise<Property> {
  const definition = await run('properties.get', (client) =>
    hubspotJson<Parameters<typeof toProperty>[0]>(client, { method: 'GET', path: paths.property(objectType, name) }),
  );
  return toProperty(definition);
}
