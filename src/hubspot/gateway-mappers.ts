import type { CrmBatchItemError, CrmRecord, Owner, PortalUser, Property, PropertyGroup } from './crm-types';

/** SDK models → the gateway's plain types. Shapes are structural so every generated module's classes fit. */

interface SdkRecord {
  id: string;
  properties: Record<string, string | null>;
  createdAt: Date | string;
  updatedAt: Date | string;
  archived?: boolean;
}

export function toCrmRecord(record: SdkRecord): CrmRecord {
  return {
    id: String(record.id),
    properties: { ...record.properties },
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
    archived: record.archived ?? false,
  };
}

interface SdkBatchError {
  status: string;
  category: string;
  message: string;
  context?: Record<string, string[]>;
}

/** The item errors of a 207 answer (the SDK types 200 and 207 answers as a union; only 207 has `errors`). */
export function toBatchItemErrors(response: object): CrmBatchItemError[] {
  const errors = 'errors' in response ? (response.errors as SdkBatchError[] | undefined) : undefined;
  return (errors ?? []).map(({ status, category, message, context }) => ({ status, category, message, context: context ?? {} }));
}

export function toPropertyGroup(group: { name: string; label: string; displayOrder: number; archived: boolean }): PropertyGroup {
  return { name: group.name, label: group.label, displayOrder: group.displayOrder, archived: group.archived };
}

interface SdkProperty {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  options: { label: string; value: string; displayOrder?: number; hidden: boolean; description?: string }[];
  hubspotDefined?: boolean;
  calculated?: boolean;
  archived?: boolean;
}

export function toProperty(property: SdkProperty): Property {
  return {
    name: property.name,
    label: property.label,
    type: property.type,
    fieldType: property.fieldType,
    groupName: property.groupName,
    description: property.description ?? '',
    options: (property.options ?? []).map(({ label, value, displayOrder, hidden, description }) => ({ label, value, displayOrder, hidden, description })),
    hubspotDefined: property.hubspotDefined ?? false,
    calculated: property.calculated ?? false,
    archived: property.archived ?? false,
  };
}

interface SdkOwner {
  id: string;
  userId?: number;
  email?: string;
  firstName?: string;
  lastName?: string;
  type: string;
  archived: boolean;
  teams?: { id: string; name: string; primary: boolean }[];
}

export function toOwner(owner: SdkOwner): Owner {
  return {
    id: String(owner.id),
    userId: owner.userId,
    email: owner.email,
    firstName: owner.firstName,
    lastName: owner.lastName,
    type: owner.type === 'QUEUE' ? 'QUEUE' : 'PERSON',
    archived: owner.archived,
    teams: (owner.teams ?? []).map(({ id, name, primary }) => ({ id: String(id), name, primary })),
  };
}

interface SdkUser {
  id: string;
  email: string;
  roleIds?: string[];
  superAdmin?: boolean;
}

/** Only a `superAdmin` that is literally true counts: anything else (missing, "true" as text) is not an admin. */
export function toPortalUser(user: SdkUser): PortalUser {
  return { id: String(user.id), email: user.email, roleIds: user.roleIds ?? [], superAdmin: user.superAdmin === true };
}

function iso(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}
