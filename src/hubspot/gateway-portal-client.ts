import type { PropertyCreate } from '@hubspot/api-client/lib/codegen/crm/properties';
import { HubspotApiError } from './api-error';
import { hubspotApiPaths, type ApiPaths } from './api-paths';
import { ASSOCIATION_BATCH_LIMIT, batchChunks } from './batch-chunks';
import type { SdkRequest } from './gateway-call';
import type {
  BatchUpdateChunk,
  CrmBatchItemError,
  CrmPage,
  CrmRecord,
  CrmRecordUpdate,
  CrmRecordWithHistory,
  Owner,
  PortalUser,
  Property,
  PropertyGroup,
  PropertyGroupInput,
  PropertyInput,
  PropertyHistoryEntry,
  SearchPage,
  SearchRequest,
  TaskInput,
} from './crm-types';
import { toBatchItemErrors, toCrmRecord, toOwner, toPortalUser, toProperty, toPropertyGroup } from './gateway-mappers';
import { hubspotJson, type JsonRequest } from './json-request';

/** Everything the app asks of one portal's HubSpot account. Every method goes through the portal's limiter and retries. */
export interface PortalClient {
  readonly portalId: number;
  contacts: {
    /** The contacts found among `ids` (missing ones are left out), read 100 per call. */
    batchRead(ids: readonly string[], properties: readonly string[]): Promise<CrmRecord[]>;
    /**
     * Updates 100 contacts per call. A chunk HubSpot rejects comes back as `{ ok: false, ids, error }` (error is a
     * HubspotApiError carrying the chunk's ids) so the caller can split it; the other chunks are still written.
     */
    batchUpdate(inputs: readonly CrmRecordUpdate[]): Promise<BatchUpdateChunk[]>;
    list(options?: { after?: string; limit?: number; properties?: readonly string[] }): Promise<CrmPage<CrmRecord>>;
    /** Under the portal's separate search quota. */
    search(request: SearchRequest): Promise<SearchPage>;
  };
  properties: {
    listGroups(objectType: string): Promise<PropertyGroup[]>;
    createGroup(objectType: string, group: PropertyGroupInput): Promise<PropertyGroup>;
    list(objectType: string): Promise<Property[]>;
    batchCreate(objectType: string, inputs: readonly PropertyInput[]): Promise<{ results: Property[]; errors: CrmBatchItemError[] }>;
  };
  owners: {
    /** Every owner, page after page; archived (deactivated) owners instead when `archived` is true. */
    listAll(options?: { archived?: boolean }): Promise<Owner[]>;
  };
  associations: {
    /** For each of `ids` (every one is a key), the ids of its associated `toType` records (v4, 1,000 per call). */
    batchRead(fromType: string, toType: string, ids: readonly string[]): Promise<Map<string, string[]>>;
  };
  objects: {
    /** Any object type by name or id (calls, emails, meetings, notes, tasks, 0-48…), 100 per call. */
    batchRead(objectType: string, ids: readonly string[], properties: readonly string[]): Promise<CrmRecord[]>;
  };
  tasks: {
    create(input: TaskInput): Promise<CrmRecord>;
  };
  users: {
    /** One user by id, from the user provisioning API (needs the optional scope settings.users.read). */
    get(userId: number): Promise<PortalUser>;
  };
  app: {
    /** Uninstalls the app from the portal (HubSpot's app uninstalls API, scope `oauth`): its webhooks and cards stop. */
    uninstall(): Promise<void>;
  };
  userRecords: {
    /** Every record of the users object (0-115) with these properties (needs the optional scope crm.objects.users.read). */
    listAll(properties: readonly string[]): Promise<CrmRecord[]>;
  };
  contactHistory: {
    /** Contacts with current `properties` and the history of `historyProperties` (50 per call: HubSpot's limit with history). */
    batchRead(ids: readonly string[], properties: readonly string[], historyProperties: readonly string[]): Promise<CrmRecordWithHistory[]>;
  };
  propertyDefinitions: {
    /** One property's definition, e.g. lifecyclestage with the portal's own stages. */
    get(objectType: string, name: string): Promise<Property>;
  };
}

/** Runs one request for this portal, under its limiter (`search` for the search quota), with retries. */
export type PortalRequest = <T>(operation: string, request: SdkRequest<T>, quota?: 'default' | 'search') => Promise<T>;

const OWNERS_PAGE = 500;
/**
 * HubSpot reads at most 50 records per batch read that asks for property histories ("The maximum number of
 * inputs supported in a batch request for property histories is 50").
 */
export const HISTORY_BATCH_LIMIT = 50;
/** HubSpot's users object (0-115): one record per user of the account, read with crm.objects.users.read. */
const USERS_OBJECT_TYPE = 'users';
/** The most records HubSpot returns in one page of a CRM object list (GET /crm/objects/{version}/{objectType}). */
export const LIST_PAGE_LIMIT = 100;

type SdkRecord = Parameters<typeof toCrmRecord>[0] & { propertiesWithHistory?: Record<string, PropertyHistoryEntry[]> };
type Paging = { next?: { after?: string } };

interface AssociationsPage {
  results: { from: { id: string }; to: { toObjectId: string | number }[]; paging?: Paging }[];
}

/**
 * Every path is HubSpot's dated one for `paths.version` (see api-paths.ts), called through the SDK's
 * generic request: the SDK's typed clients know only the v3/v4 paths.
 */
export function createPortalClient(portalId: number, run: PortalRequest, paths: ApiPaths = hubspotApiPaths()): PortalClient {
  const call = <T>(operation: string, request: JsonRequest, quota?: 'default' | 'search') =>
    run<T>(operation, (client) => hubspotJson<T>(client, request), quota);

  /** The records found among `ids`, `size` per call, with the current `properties` and the history of `history`. */
  const readInChunks = async (
    operation: string,
    objectType: string,
    ids: readonly string[],
    properties: readonly string[],
    history: readonly string[] = [],
    size?: number,
  ) => {
    const pages = await Promise.all(
      batchChunks(unique(ids), size).map((chunk) =>
        call<{ results: SdkRecord[] }>(operation, {
          method: 'POST',
          path: paths.batchRead(objectType),
          query: { archived: false },
          body: { inputs: chunk.map((id) => ({ id })), properties: [...properties], propertiesWithHistory: [...history] },
        }),
      ),
    );
    return pages.flatMap((page) => page.results);
  };

  /** Every item of a paged GET, page after page. */
  const listPages = async <T>(operation: string, path: string, query: NonNullable<JsonRequest['query']>): Promise<T[]> => {
    const items: T[] = [];
    let after: string | undefined;
    do {
      const page = await call<{ results: T[]; paging?: Paging }>(operation, { method: 'GET', path, query: { ...query, after } });
      items.push(...page.results);
      after = page.paging?.next?.after;
    } while (after);
    return items;
  };

  return {
    portalId,
    contacts: {
      batchRead: async (ids, properties) => (await readInChunks('contacts.batchRead', 'contacts', ids, properties)).map(toCrmRecord),

      batchUpdate: (inputs) =>
        Promise.all(
          batchChunks(inputs).map(async (chunk): Promise<BatchUpdateChunk> => {
            const ids = chunk.map((input) => input.id);
            try {
              const response = await call<{ results: SdkRecord[]; errors?: unknown[] }>('contacts.batchUpdate', {
                method: 'POST',
                path: paths.batchUpdate('contacts'),
                body: { inputs: chunk.map(({ id, properties }) => ({ id, properties: { ...properties } })) },
              });
              return { ok: true, ids, records: response.results.map(toCrmRecord), errors: toBatchItemErrors(response) };
            } catch (error) {
              if (error instanceof HubspotApiError) return { ok: false, ids, error: error.withIds(ids) };
              throw error;
            }
          }),
        ),

      list: async ({ after, limit = LIST_PAGE_LIMIT, properties = [] } = {}) => {
        const page = await call<{ results: SdkRecord[]; paging?: Paging }>('contacts.list', {
          method: 'GET',
          path: paths.objects('contacts'),
          query: { limit, after, properties: properties.length > 0 ? properties : undefined, archived: false },
        });
        return { results: page.results.map(toCrmRecord), after: page.paging?.next?.after };
      },

      search: async (request) => {
        const page = await call<{ results: SdkRecord[]; paging?: Paging; total: number }>(
          'contacts.search',
          { method: 'POST', path: paths.search('contacts'), body: completeSearch(request) },
          'search',
        );
        return { results: page.results.map(toCrmRecord), after: page.paging?.next?.after, total: page.total };
      },
    },

    properties: {
      listGroups: async (objectType) => {
        const response = await call<{ results: Parameters<typeof toPropertyGroup>[0][] }>('properties.listGroups', {
          method: 'GET',
          path: paths.propertyGroups(objectType),
        });
        return response.results.map(toPropertyGroup);
      },
      createGroup: async (objectType, group) =>
        toPropertyGroup(
          await call('properties.createGroup', { method: 'POST', path: paths.propertyGroups(objectType), body: { ...group } }),
        ),
      list: async (objectType) => {
        const response = await call<{ results: Parameters<typeof toProperty>[0][] }>('properties.list', {
          method: 'GET',
          path: paths.properties(objectType),
          query: { archived: false },
        });
        return response.results.map(toProperty);
      },
      batchCreate: async (objectType, inputs) => {
        const responses = await Promise.all(
          batchChunks(inputs).map((chunk) =>
            call<{ results: Parameters<typeof toProperty>[0][]; errors?: unknown[] }>('properties.batchCreate', {
              method: 'POST',
              path: paths.propertiesBatchCreate(objectType),
              body: { inputs: chunk.map(toPropertyCreate) },
            }),
          ),
        );
        return {
          results: responses.flatMap((response) => response.results.map(toProperty)),
          errors: responses.flatMap(toBatchItemErrors),
        };
      },
    },

    app: {
      uninstall: async () => {
        await call<undefined>('app.uninstall', { method: 'DELETE', path: paths.appUninstall });
      },
    },

    owners: {
      listAll: async ({ archived = false } = {}) =>
        (await listPages<Parameters<typeof toOwner>[0]>('owners.list', paths.owners, { limit: OWNERS_PAGE, archived })).map(toOwner),
    },

    associations: {
      batchRead: async (fromType, toType, ids) => {
        const associated = new Map<string, string[]>(unique(ids).map((id) => [id, []]));
        await Promise.all(
          batchChunks([...associated.keys()], ASSOCIATION_BATCH_LIMIT).map(async (chunk) => {
            let inputs: { id: string; after?: string }[] = chunk.map((id) => ({ id }));
            while (inputs.length > 0) {
              const response = await call<AssociationsPage>('associations.batchRead', {
                method: 'POST',
                path: paths.associationsBatchRead(fromType, toType),
                body: { inputs },
              });
              inputs = [];
              for (const result of response.results) {
                const fromId = String(result.from.id);
                const toIds = associated.get(fromId) ?? [];
                toIds.push(...result.to.map((to) => String(to.toObjectId)));
                associated.set(fromId, toIds);
                const after = result.paging?.next?.after;
                if (after) inputs.push({ id: fromId, after });
              }
            }
          }),
        );
        return associated;
      },
    },

    objects: {
      batchRead: async (objectType, ids, properties) => (await readInChunks('objects.batchRead', objectType, ids, properties)).map(toCrmRecord),
    },

    tasks: {
      create: async ({ properties, associations = [] }) => {
        const body = {
          properties: { ...properties },
          associations: associations.map(({ toObjectId, associationTypeId, associationCategory = 'HUBSPOT_DEFINED' }) => ({
            to: { id: toObjectId },
            types: [{ associationCategory, associationTypeId }],
          })),
        };
        return toCrmRecord(await call<SdkRecord>('tasks.create', { method: 'POST', path: paths.objects('tasks'), body }));
      },
    },

    users: {
      // The user provisioning API has no dated version in 2026-03: this is its v3 path, through the SDK.
      get: async (userId) =>
        toPortalUser(await run('users.get', (client, options) => client.settings.users.usersApi.getById(String(userId), 'USER_ID', options))),
    },

    userRecords: {
      listAll: async (properties) =>
        (await listPages<SdkRecord>('userRecords.list', paths.objects(USERS_OBJECT_TYPE), { limit: LIST_PAGE_LIMIT, properties: [...properties] })).map(
          toCrmRecord,
        ),
    },

    contactHistory: {
      batchRead: async (ids, properties, historyProperties): Promise<CrmRecordWithHistory[]> =>
        (await readInChunks('contacts.batchReadWithHistory', 'contacts', ids, properties, historyProperties, HISTORY_BATCH_LIMIT)).map((record) => ({
          ...toCrmRecord(record),
          propertiesWithHistory: record.propertiesWithHistory ?? {},
        })),
    },

    propertyDefinitions: {
      get: async (objectType, name) =>
        toProperty(await call<Parameters<typeof toProperty>[0]>('properties.get', { method: 'GET', path: paths.property(objectType, name) })),
    },
  };
}

/**
 * HubSpot's search schema requires `after`, `filterGroups`, `limit`, `properties` and `sorts`: an absent
 * one is sent as its empty value (`after` "0" is the first page).
 */
export function completeSearch(request: SearchRequest): Required<Omit<SearchRequest, 'query'>> & Pick<SearchRequest, 'query'> {
  return {
    ...(request.query !== undefined && { query: request.query }),
    filterGroups: request.filterGroups ?? [],
    sorts: request.sorts ?? [],
    properties: request.properties ?? [],
    limit: request.limit ?? LIST_PAGE_LIMIT,
    after: request.after ?? '0',
  };
}

function toPropertyCreate(input: PropertyInput): PropertyCreate {
  const { options, ...rest } = input;
  const property = { ...rest, ...(options && { options: options.map((option) => ({ ...option, hidden: option.hidden ?? false })) }) };
  return property as PropertyCreate;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids.map(String))];
}
