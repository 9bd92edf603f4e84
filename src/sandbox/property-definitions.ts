import { z } from 'zod';
import { FIELD_TYPES_BY_TYPE, PROPERTY_TYPES, type PropertyDefinition, type PropertyGroup } from './property-model';

const option = z.object({
  label: z.string().min(1),
  value: z.string().min(1),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().optional(),
  description: z.string().optional(),
});

export const propertyCreateSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(PROPERTY_TYPES),
  fieldType: z.string(),
  groupName: z.string(),
  description: z.string().optional(),
  options: z.array(option).optional(),
  displayOrder: z.number().int().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
  externalOptions: z.boolean().optional(),
  calculationFormula: z.string().optional(),
  referencedObjectType: z.string().optional(),
});

export const propertyUpdateSchema = propertyCreateSchema.omit({ name: true, hasUniqueValue: true }).partial();

export const groupCreateSchema = z.object({
  name: z.string(),
  label: z.string(),
  displayOrder: z.number().int().optional(),
});

export type PropertyCreate = z.infer<typeof propertyCreateSchema>;

const NAME = /^[a-z][a-z0-9_]*$/;

/** HubSpot's checks on a new property definition; returns the problems found (empty when valid). */
export function propertyCreateProblems(input: PropertyCreate, groups: ReadonlyMap<string, PropertyGroup>): string[] {
  const problems: string[] = [];
  if (!NAME.test(input.name)) problems.push(`Property name '${input.name}' is invalid: use lowercase letters, digits and underscores, starting with a letter.`);
  if (input.name.startsWith('hs_')) problems.push(`Property name '${input.name}' is invalid: the hs_ prefix is reserved for HubSpot.`);
  if (input.name.length > 100) problems.push(`Property name '${input.name}' is longer than 100 characters.`);
  problems.push(...definitionProblems(input, groups));
  return problems;
}

export function definitionProblems(
  input: Partial<Pick<PropertyCreate, 'label' | 'type' | 'fieldType' | 'groupName' | 'options'>>,
  groups: ReadonlyMap<string, PropertyGroup>,
): string[] {
  const problems: string[] = [];
  if (input.label !== undefined && input.label.trim() === '') problems.push('label must not be empty.');
  if (input.type && input.fieldType && !FIELD_TYPES_BY_TYPE[input.type].includes(input.fieldType)) {
    problems.push(`fieldType '${input.fieldType}' is not valid for type '${input.type}'; use one of ${FIELD_TYPES_BY_TYPE[input.type].join(', ')}.`);
  }
  if (input.groupName !== undefined && !groups.has(input.groupName)) problems.push(`Property group '${input.groupName}' does not exist.`);
  if (input.type === 'enumeration' && input.fieldType !== 'booleancheckbox' && (input.options ?? []).length === 0) {
    problems.push('Enumeration properties need at least one option.');
  }
  const values = (input.options ?? []).map((o) => o.value);
  const repeated = values.filter((v, i) => values.indexOf(v) !== i);
  if (repeated.length > 0) problems.push(`Option values must be unique: ${[...new Set(repeated)].join(', ')}.`);
  return problems;
}

/** The date-based API requires each option's `displayOrder` (the v3 API numbers them in the order given). */
export function optionsWithoutOrder(input: Pick<PropertyCreate, 'name' | 'options'>): string[] {
  const unordered = (input.options ?? []).filter((o) => o.displayOrder === undefined).map((o) => o.value);
  return unordered.length === 0 ? [] : [`Property '${input.name}': option(s) ${unordered.join(', ')} need a displayOrder.`];
}

/** A stored definition for a validated create request. */
export function newPropertyDefinition(input: PropertyCreate, at: string, displayOrder: number): PropertyDefinition {
  return {
    name: input.name,
    label: input.label,
    type: input.type,
    fieldType: input.fieldType,
    description: input.description ?? '',
    groupName: input.groupName,
    options: (input.options ?? []).map((o, i) => ({ label: o.label, value: o.value, displayOrder: o.displayOrder ?? i, hidden: o.hidden ?? false, ...(o.description ? { description: o.description } : {}) })),
    displayOrder: input.displayOrder ?? displayOrder,
    calculated: false,
    externalOptions: input.externalOptions ?? false,
    hasUniqueValue: input.hasUniqueValue ?? false,
    hidden: input.hidden ?? false,
    hubspotDefined: false,
    formField: input.formField ?? false,
    modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
    createdAt: at,
    updatedAt: at,
    archived: false,
  };
}
