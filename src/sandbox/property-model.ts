/** Property and property-group definitions, shaped like HubSpot's `Property` / `PropertyGroup` models. */
export const PROPERTY_TYPES = ['string', 'number', 'enumeration', 'datetime', 'date', 'bool'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

/** Field types HubSpot accepts for each property type. */
export const FIELD_TYPES_BY_TYPE: Readonly<Record<PropertyType, readonly string[]>> = {
  string: ['text', 'textarea', 'html', 'phonenumber', 'file'],
  number: ['number', 'calculation_equation'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation'],
  datetime: ['date'],
  date: ['date'],
  bool: ['booleancheckbox', 'calculation_equation'],
};

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  description: string;
  groupName: string;
  options: PropertyOption[];
  displayOrder: number;
  calculated: boolean;
  externalOptions: boolean;
  hasUniqueValue: boolean;
  hidden: boolean;
  hubspotDefined: boolean;
  formField: boolean;
  referencedObjectType?: string;
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}
