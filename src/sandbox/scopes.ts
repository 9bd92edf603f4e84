import type { ObjectType } from './object-types';

/** Scopes the emulated authorize endpoint recognises (a subset of HubSpot's, enough for CRM apps). */
export const KNOWN_SCOPES: ReadonlySet<string> = new Set([
  'oauth',
  'crm.objects.contacts.read', 'crm.objects.contacts.write',
  'crm.objects.companies.read', 'crm.objects.companies.write',
  'crm.objects.deals.read', 'crm.objects.deals.write',
  'crm.objects.owners.read', 'crm.objects.users.read',
  'crm.schemas.contacts.read', 'crm.schemas.contacts.write',
  'crm.schemas.companies.read', 'crm.schemas.companies.write',
  'crm.schemas.deals.read', 'crm.schemas.deals.write',
  'crm.lists.read', 'crm.lists.write',
  'settings.users.read', 'settings.users.write',
  'sales-email-read', 'timeline', 'tickets', 'forms', 'content', 'automation', 'e-commerce',
]);

/** The record type whose scopes govern an object type: engagements ride on contact scopes. */
function scopeObject(type: ObjectType): 'contacts' | 'companies' | 'deals' {
  return type === 'companies' || type === 'deals' ? type : 'contacts';
}

/** Any one of these scopes allows the call. */
export function objectScopes(type: ObjectType, access: 'read' | 'write'): string[] {
  const object = scopeObject(type);
  return access === 'read' ? [`crm.objects.${object}.read`, `crm.objects.${object}.write`] : [`crm.objects.${object}.write`];
}

export function schemaScopes(type: ObjectType, access: 'read' | 'write'): string[] {
  const object = scopeObject(type);
  return access === 'read'
    ? [`crm.schemas.${object}.read`, `crm.schemas.${object}.write`, `crm.objects.${object}.read`]
    : [`crm.schemas.${object}.write`];
}
