/** Plain data the gateway returns and accepts: no SDK classes cross this boundary. */

/** A CRM object (contact, call, email, meeting, note, task…) with the properties that were asked for. */
export interface CrmRecord {
  id: string;
  properties: Record<string, string | null>;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601. */
  updatedAt: string;
  archived: boolean;
}

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

export interface CrmRecordUpdate {
  id: string;
  properties: Record<string, string>;
}

export interface CrmPage<T> {
  results: T[];
  /** Cursor for the next page; absent on the last page. */
  after?: string;
}

/** One item-level error in a 207 multi-status batch answer (e.g. OBJECT_NOT_FOUND with the ids in context). */
export interface CrmBatchItemError {
  status: string;
  category: string;
  message: string;
  context: Record<string, string[]>;
}

/** The outcome of one chunk (≤100 records) of a batch update: the caller splits a rejected chunk to find the bad ids. */
export type BatchUpdateChunk =
  | { ok: true; ids: string[]; records: CrmRecord[]; errors: CrmBatchItemError[] }
  | { ok: false; ids: string[]; error: Error };

export interface SearchFilter {
  propertyName: string;
  operator:
    | 'EQ' | 'NEQ' | 'LT' | 'LTE' | 'GT' | 'GTE' | 'BETWEEN' | 'IN' | 'NOT_IN'
    | 'HAS_PROPERTY' | 'NOT_HAS_PROPERTY' | 'CONTAINS_TOKEN' | 'NOT_CONTAINS_TOKEN';
  value?: string;
  highValue?: string;
  values?: string[];
}

export interface SearchRequest {
  filterGroups?: { filters: SearchFilter[] }[];
  sorts?: string[];
  query?: string;
  properties?: string[];
  /** At most 200. */
  limit?: number;
  after?: string;
}

export interface SearchPage extends CrmPage<CrmRecord> {
  total: number;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

export interface PropertyGroupInput {
  name: string;
  label: string;
  displayOrder?: number;
}

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder?: number;
  hidden?: boolean;
  description?: string;
}

export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';

export type PropertyFieldType =
  | 'textarea' | 'text' | 'date' | 'file' | 'number' | 'select' | 'radio' | 'checkbox' | 'booleancheckbox'
  | 'calculation_equation';

export interface PropertyInput {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: PropertyFieldType;
  groupName: string;
  description?: string;
  options?: PropertyOption[];
  displayOrder?: number;
  hasUniqueValue?: boolean;
  hidden?: boolean;
  formField?: boolean;
}

export interface Property {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  hubspotDefined: boolean;
  calculated: boolean;
  archived: boolean;
}

export interface OwnerTeam {
  id: string;
  name: string;
  primary: boolean;
}

export interface Owner {
  id: string;
  userId?: number;
  email?: string;
  firstName?: string;
  lastName?: string;
  type: 'PERSON' | 'QUEUE';
  archived: boolean;
  teams: OwnerTeam[];
}

/** A user of the portal as the user provisioning API (settings/v3/users) answers. */
export interface PortalUser {
  id: string;
  email: string;
  roleIds: string[];
  /** False when HubSpot leaves it out. */
  superAdmin: boolean;
}

export interface TaskInput {
  properties: Record<string, string>;
  /** e.g. `{ toObjectId: contactId, associationTypeId: 204 }` (task → contact, HUBSPOT_DEFINED). */
  associations?: { toObjectId: string; associationTypeId: number; associationCategory?: 'HUBSPOT_DEFINED' | 'USER_DEFINED' }[];
}
