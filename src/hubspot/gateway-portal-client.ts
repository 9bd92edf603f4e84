import type { Client } from '@hubspot/api-client';
import type { PropertyCreate } from '@hubspot/api-client/lib/codegen/crm/properties';
import type { PublicObjectSearchRequest } from '@hubspot/api-client/lib/codegen/crm/contacts';
import type { SimplePublicObjectInputForCreate } from '@hubspot/api-client/lib/codegen/crm/objects/tasks';
import { HubspotApiError } from './api-error';
import { ASSOCIATION_BATCH_LIMIT, batchChunks } from './batch-chunks';
import type { SdkCallOptions } from './error-response-capture';
import type { SdkRequest } from './gateway-call';
import type {
  BatchUpdateChunk,
  CrmBatchItemError,
  CrmPage,
  CrmRecord,
  CrmRecordUpdate,
  Owner,
  PortalUser,
  Property,
  PropertyGroup,
  PropertyGroupInput,
  PropertyInput,
  SearchPage,
  SearchRequest,
  TaskInput,
} from './crm-types';
import { toBatchItemErrors, toCrmRecord, toOwner, toPortalUser, toProperty, toPropertyGroup } from './gateway-mappers';
import { batchReadContactsWithHistory, readPropertyDefinition, type CrmRecordWithHistory } from './history-and-definitions';

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
  contactHistory: {
    /** Contacts with current `properties` and the history of `historyProperties` (50 per call: HubSpot's limit with history). */
    batchRead(ids: readonly string[], properties: readonly string[], historyProperties: readonly string[]): Promise<CrmRecordWithHistory[]>;
  };
  propertyDefinitions: {
    /** One property's definition, e.g. lifecyclestage with the portal's own stages. */
    get(objectType: string, name: string): Promise<Property>;
  };
}

/** Runs one SDK request for this portal, under its limiter (`search` for the search quota), with retries. */
export type PortalRequest = <T>(operation: string, request: SdkRequest<T>, quota?: 'default' | 'search') => Promise<T>;

const OWNERS_PAGE = 500;
/** The most records HubSpot returns in one page of a CRM object list (GET /crm/v3/objects/{objectType}). */
export const LIST_PAGE_LIMIT = 100;

interface BatchReadInput {
  inputs: { id: string }[];
  properties: string[];
  propertiesWithHistory: string[];
}

type SdkRecord = Parameters<typeof toCrmRecord>[0];

export function createPortalClient(portalId: number, run: PortalRequest): PortalClient {
  const readInChunks = async (
    operation: string,
    ids: readonly string[],
    read: (client: Client, input: BatchReadInput, options: SdkCallOptions) => Promise<{ results: SdkRecord[] }>,
    properties: readonly string[],
  ) => {
    const pages = await Promise.all(
      batchChunks(unique(ids)).map((chunk) =>
        run(operation, (client, options) =>
          read(client, { inputs: chunk.map((id) => ({ id })), properties: [...properties], propertiesWithHistory: [] }, options),
        ),
      ),
    );
    return pages.flatMap((page) => page.results.map(toCrmRecord));
  };

  return {
    portalId,
    contacts: {
      batchRead: (ids, properties) =>
        readInChunks('contacts.batchRead', ids, (client, input, options) => client.crm.contacts.batchApi.read(input, false, options), properties),

      batchUpdate: (inputs) =>
        Promise.all(
          batchChunks(inputs).map(async (chunk): Promise<BatchUpdateChunk> => {
            const ids = chunk.map((input) => input.id);
            try {
              const response = await run('contacts.batchUpdate', (client, options) =>
                client.crm.contacts.batchApi.update({ inputs: chunk.map(({ id, properties }) => ({ id, properties: { ...properties } })) }, options),
              );
              return { ok: true, ids, records: response.results.map(toCrmRecord), errors: toBatchItemErrors(response) };
            } catch (error) {
              if (error instanceof HubspotApiError) return { ok: false, ids, error: error.withIds(ids) };
              throw error;
            }
          }),
        ),

      list: async ({ after, limit = LIST_PAGE_LIMIT, properties = [] } = {}) => {
        const page = await run('contacts.list', (client, options) =>
          client.crm.contacts.basicApi.getPage(limit, after, [...properties], undefined, undefined, false, options),
        );
        return { results: page.results.map(toCrmRecord), after: page.paging?.next?.after };
      },

      search: async (request) => {
        const page = await run(
          'contacts.search',
          (client, options) => client.crm.contacts.searchApi.doSearch(request as PublicObjectSearchRequest, options),
          'search',
        );
        return { results: page.results.map(toCrmRecord), after: page.paging?.next?.after, total: page.total };
      },
    },

    properties: {
      listGroups: async (objectType) => {
        const response = await run('properties.listGroups', (client, options) => client.crm.properties.groupsApi.getAll(objectType, options));
        return response.results.map(toPropertyGroup);
      },
      createGroup: async (objectType, group) =>
        toPropertyGroup(await run('properties.createGroup', (client, options) => client.crm.properties.groupsApi.create(objectType, { ...group }, options))),
      list: async (objectType) => {
        const response = await run('properties.list', (client, options) => client.crm.properties.coreApi.getAll(objectType, false, undefined, options));
        return response.results.map(toProperty);
      },
      batchCreate: async (objectType, inputs) => {
        const responses = await Promise.all(
          batchChunks(inputs).map((chunk) =>
            run('properties.batchCreate', (client, options) =>
              client.crm.properties.batchApi.create(objectType, { inputs: chunk.map(toPropertyCreate) }, options),
            ),
          ),
        );
        return {
          results: responses.flatMap((response) => response.results.map(toProperty)),
          errors: responses.flatMap(toBatchItemErrors),
        };
      },
    },

    owners: {
      listAll: async ({ archived = false } = {}) => {
        const owners: Owner[] = [];
        let after: string | undefined;
        do {
          const cursor = after;
          const page = await run('owners.list', (client, options) =>
            client.crm.owners.ownersApi.getPage(undefined, cursor, OWNERS_PAGE, archived, options),
          );
          owners.push(...page.results.map(toOwner));
          after = page.paging?.next?.after;
        } while (after);
        return owners;
      },
    },

    associations: {
      batchRead: async (fromType, toType, ids) => {
        const associated = new Map<string, string[]>(unique(ids).map((id) => [id, []]));
        await Promise.all(
          batchChunks([...associated.keys()], ASSOCIATION_BATCH_LIMIT).map(async (chunk) => {
            let inputs: { id: string; after?: string }[] = chunk.map((id) => ({ id }));
            while (inputs.length > 0) {
              const request = inputs;
              const response = await run('associations.batchRead', (client, options) =>
                client.crm.associations.v4.batchApi.getPage(fromType, toType, { inputs: request }, options),
              );
              inputs = [];
              for (const result of response.results) {
                const fromId = String(result._from.id);
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
      batchRead: (objectType, ids, properties) =>
        readInChunks('objects.batchRead', ids, (client, input, options) => client.crm.objects.batchApi.read(objectType, input, false, options), properties),
    },

    tasks: {
      create: async ({ properties, associations = [] }) => {
        const input = {
          properties: { ...properties },
          associations: associations.map(({ toObjectId, associationTypeId, associationCategory = 'HUBSPOT_DEFINED' }) => ({
            to: { id: toObjectId },
            types: [{ associationCategory, associationTypeId }],
          })),
        };
        const task = await run('tasks.create', (client, options) =>
          client.crm.objects.tasks.basicApi.create(input as SimplePublicObjectInputForCreate, options),
        );
        return toCrmRecord(task);
      },
    },

    users: {
      get: async (userId) =>
        toPortalUser(await run('users.get', (client, options) => client.settings.users.usersApi.getById(String(userId), 'USER_ID', options))),
    },

    contactHistory: {
      batchRead: (ids, properties, historyProperties) => batchReadContactsWithHistory(run, ids, properties, historyProperties),
    },

    propertyDefinitions: {
      get: (objectType, name) => readPropertyDefinition(run, objectType, name),
    },
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
