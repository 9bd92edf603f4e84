import { ENGAGEMENT_OBJECT_TYPES } from '../process/inbox-worker';
import type { AppDefinition } from '../app-definition';

/**
 * The scopes HubSpot requires for each object type's CRM records (read / write). Engagements
 * (calls, emails, meetings, notes, tasks) have no scopes of their own: HubSpot's activity API
 * guides list crm.objects.contacts.read / .write ("Scope requirements" of
 * developers.hubspot.com/docs/api-reference/latest/crm/activities/{calls,emails,meetings,notes,tasks}/guide).
 * Email bodies additionally need sales-email-read; the service reads only hs_timestamp,
 * hs_email_direction and owner, which are not redacted, so that scope stays optional.
 */
const OBJECT_SCOPES: Record<string, { read: string; write: string }> = {
  contacts: { read: 'crm.objects.contacts.read', write: 'crm.objects.contacts.write' },
  companies: { read: 'crm.objects.companies.read', write: 'crm.objects.companies.write' },
  deals: { read: 'crm.objects.deals.read', write: 'crm.objects.deals.write' },
  ...Object.fromEntries(
    Object.values(ENGAGEMENT_OBJECT_TYPES).map((type) => [type, { read: 'crm.objects.contacts.read', write: 'crm.objects.contacts.write' }]),
  ),
};

/** Property definitions (crm/v3/properties/{objectType}) need the object's schema scopes. */
const SCHEMA_SCOPES: Record<string, { read: string; write: string }> = {
  contacts: { read: 'crm.schemas.contacts.read', write: 'crm.schemas.contacts.write' },
  companies: { read: 'crm.schemas.companies.read', write: 'crm.schemas.companies.write' },
};

type Access = 'read' | 'write';

function objectScope(objectType: string, access: Access): string {
  const scopes = OBJECT_SCOPES[objectType];
  if (!scopes) throw new Error(`api-scopes: no scope known for object type "${objectType}"`);
  return scopes[access];
}

function schemaScope(objectType: string, access: Access): string {
  const scopes = SCHEMA_SCOPES[objectType];
  if (!scopes) throw new Error(`api-scopes: no schema scope known for object type "${objectType}"`);
  return scopes[access];
}

export interface OperationScopes {
  /** The HubSpot endpoint the gateway operation calls. */
  endpoint: string;
  /** Every scope the call needs, given the object type(s) it is called with. */
  scopes: (objectType: string, toObjectType?: string) => string[];
  /** Where HubSpot documents the requirement. */
  source: string;
}

const DOCS = 'https://developers.hubspot.com/docs/api-reference';

/**
 * Each gateway operation (the `operation` names of src/hubspot/gateway-portal-client.ts) and the
 * scopes HubSpot requires for it. The check below fails the build when app.json's requiredScopes
 * miss one for a call the service makes, and a test fails when an operation has no row here.
 */
export const API_SCOPES: Record<string, OperationScopes> = {
  'contacts.batchRead': {
    endpoint: 'POST /crm/objects/2026-03/contacts/batch/read',
    scopes: () => [objectScope('contacts', 'read')],
    source: `${DOCS}/latest/crm/objects/contacts/guide (Scope requirements)`,
  },
  'contacts.batchUpdate': {
    endpoint: 'POST /crm/objects/2026-03/contacts/batch/update',
    scopes: () => [objectScope('contacts', 'write')],
    source: `${DOCS}/latest/crm/objects/contacts/guide (Scope requirements)`,
  },
  'contacts.list': {
    endpoint: 'GET /crm/objects/2026-03/contacts',
    scopes: () => [objectScope('contacts', 'read')],
    source: `${DOCS}/latest/crm/objects/contacts/guide (Scope requirements)`,
  },
  'contacts.search': {
    endpoint: 'POST /crm/objects/2026-03/contacts/search',
    scopes: () => [objectScope('contacts', 'read')],
    source: `${DOCS}/latest/crm/objects/contacts/guide (Scope requirements)`,
  },
  'properties.listGroups': {
    endpoint: 'GET /crm/properties/2026-03/{objectType}/groups',
    scopes: (objectType) => [schemaScope(objectType, 'read')],
    source: `${DOCS}/latest/crm/properties/guide (Scope requirements)`,
  },
  'properties.createGroup': {
    endpoint: 'POST /crm/properties/2026-03/{objectType}/groups',
    scopes: (objectType) => [schemaScope(objectType, 'write')],
    source: `${DOCS}/latest/crm/properties/guide (Scope requirements)`,
  },
  'properties.list': {
    endpoint: 'GET /crm/properties/2026-03/{objectType}',
    scopes: (objectType) => [schemaScope(objectType, 'read')],
    source: `${DOCS}/latest/crm/properties/guide (Scope requirements)`,
  },
  'properties.batchCreate': {
    endpoint: 'POST /crm/properties/2026-03/{objectType}/batch/create',
    scopes: (objectType) => [schemaScope(objectType, 'write')],
    source: `${DOCS}/latest/crm/properties/guide (Scope requirements)`,
  },
  'app.uninstall': {
    endpoint: 'DELETE /appinstalls/2026-03/external-install',
    scopes: () => ['oauth'],
    source: `${DOCS}/latest/app-management/app-uninstalls/guide (Authentication)`,
  },
  'owners.list': {
    endpoint: 'GET /crm/owners/2026-03',
    scopes: () => ['crm.objects.owners.read'],
    source: `${DOCS}/latest/crm/owners/guide (Scope requirements)`,
  },
  'associations.batchRead': {
    endpoint: 'POST /crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/read',
    scopes: (from, to) => [...new Set([objectScope(from, 'read'), objectScope(to ?? from, 'read')])],
    source: `${DOCS}/latest/crm/associations/associations-v4/guide (read access to both object types)`,
  },
  'objects.batchRead': {
    endpoint: 'POST /crm/objects/2026-03/{objectType}/batch/read',
    scopes: (objectType) => [objectScope(objectType, 'read')],
    source: `${DOCS}/latest/crm/activities/{calls,emails,meetings,notes,tasks}/guide (Scope requirements)`,
  },
  'tasks.create': {
    endpoint: 'POST /crm/objects/2026-03/tasks (associated with the contact)',
    scopes: () => [objectScope('tasks', 'write')],
    source: `${DOCS}/latest/crm/activities/tasks/guide (Scope requirements: crm.objects.contacts.read/write)`,
  },
  'users.get': {
    endpoint: 'GET /settings/v3/users/{userId} (no dated version in 2026-03)',
    scopes: () => ['settings.users.read'],
    source: `${DOCS}/settings-user-provisioning-v3/users/get-settings-v3-users-userId`,
  },
  'contacts.batchReadWithHistory': {
    endpoint: 'POST /crm/objects/2026-03/contacts/batch/read (propertiesWithHistory, 50 a call)',
    scopes: () => [objectScope('contacts', 'read')],
    source: `${DOCS}/latest/crm/objects/contacts/guide (Scope requirements)`,
  },
  'properties.get': {
    endpoint: 'GET /crm/properties/2026-03/{objectType}/{propertyName}',
    scopes: (objectType) => [schemaScope(objectType, 'read')],
    source: `${DOCS}/latest/crm/properties/guide (Scope requirements)`,
  },
  'userRecords.list': {
    endpoint: 'GET /crm/objects/2026-03/users',
    scopes: () => ['crm.objects.users.read'],
    source: `${DOCS}/2026-03/crm/objects/users/guide (Scope requirements)`,
  },
};

export interface ApiCall {
  operation: keyof typeof API_SCOPES;
  objectType?: string;
  toObjectType?: string;
  /** Why the service makes the call (shown when its scope is missing). */
  purpose: string;
  /** The service makes the call only where the portal granted its scopes: they may be optional scopes. */
  optional?: boolean;
}

/** The HubSpot calls the service makes, with the object types it makes them on. */
export const SERVICE_API_CALLS: ApiCall[] = [
  { operation: 'contacts.batchRead', purpose: 'new contacts\u2019 fit properties (worker)' },
  { operation: 'contacts.batchUpdate', purpose: 'score/status/owner write-back (outbox writer)' },
  { operation: 'contacts.list', purpose: 'backfill' },
  { operation: 'contacts.search', purpose: 'backfill total' },
  ...(['properties.listGroups', 'properties.createGroup', 'properties.list', 'properties.batchCreate'] as const).map((operation) => ({
    operation,
    objectType: 'contacts',
    purpose: 'provisioning the app\u2019s contact properties',
  })),
  { operation: 'owners.list', purpose: 'routing to reps' },
  { operation: 'app.uninstall', purpose: 'an operator uninstalling a portal (operator API)' },
  ...Object.values(ENGAGEMENT_OBJECT_TYPES).flatMap((objectType): ApiCall[] => [
    { operation: 'objects.batchRead', objectType, purpose: `reading ${objectType} from engagement webhooks` },
    { operation: 'associations.batchRead', objectType, toObjectType: 'contacts', purpose: `${objectType} \u2192 contacts` },
  ]),
  { operation: 'associations.batchRead', objectType: 'contacts', toObjectType: 'companies', purpose: 'routing by the company owner' },
  { operation: 'tasks.create', purpose: 'SLA follow-up tasks for reps' },
  { operation: 'users.get', purpose: 'letting super admins publish settings', optional: true },
  { operation: 'userRecords.list', purpose: 'reps\u2019 working hours, out of office and away status from HubSpot', optional: true },
];

/** Problems, one line each, when app.json's scopes miss any scope a service call needs (required, or optional for optional calls). */
export function checkScopes(app: AppDefinition, calls: ApiCall[] = SERVICE_API_CALLS): string[] {
  const required = new Set(app.config.auth.requiredScopes);
  const requested = new Set([...required, ...app.config.auth.optionalScopes]);
  const missing = new Map<string, string[]>();
  for (const call of calls) {
    const row = API_SCOPES[call.operation];
    if (!row) {
      missing.set(`(no scope row for gateway operation ${call.operation})`, []);
      continue;
    }
    for (const scope of row.scopes(call.objectType ?? 'contacts', call.toObjectType)) {
      if ((call.optional ? requested : required).has(scope)) continue;
      const list = call.optional ? 'requiredScopes and optionalScopes lack' : 'requiredScopes lacks';
      const key = `${list} "${scope}"`;
      missing.set(key, [...(missing.get(key) ?? []), `${call.operation}${call.objectType ? ` ${call.objectType}` : ''} (${call.purpose})`]);
    }
  }
  return [...missing].map(([key, uses]) => (uses.length === 0 ? `app.json: ${key}` : `app.json: ${key}, needed by ${uses.join('; ')}`));
}
