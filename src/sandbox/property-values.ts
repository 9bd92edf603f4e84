import type { PropertyDefinition } from './property-model';

/** One entry of HubSpot's "Property values were not valid: [...]" list. */
export interface PropertyValueError {
  isValid: false;
  message: string;
  error: string;
  name: string;
  localizedErrorMessage: string;
  portalId: number;
}

const DIGITS = /^-?\d+$/;

/** Stores values as HubSpot returns them: datetimes as ISO-8601, dates as YYYY-MM-DD, booleans lower-case. */
export function normalisePropertyValue(definition: PropertyDefinition, value: string): string {
  if (value === '') return value;
  switch (definition.type) {
    case 'datetime': {
      const ms = DIGITS.test(value) ? Number(value) : Date.parse(value);
      return Number.isFinite(ms) ? new Date(ms).toISOString() : value;
    }
    case 'date': {
      const ms = DIGITS.test(value) ? Number(value) : Date.parse(value);
      return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : value;
    }
    case 'bool':
      return value.toLowerCase();
    default:
      return value;
  }
}

function problem(definition: PropertyDefinition, value: string, ownerIds: ReadonlySet<string>): [code: string, message: string] | undefined {
  const { name } = definition;
  if (definition.modificationMetadata.readOnlyValue) return ['READ_ONLY_VALUE', `"${name}" is a read only property; its value cannot be set.`];
  if (value === '') return undefined;
  switch (definition.type) {
    case 'number':
      return Number.isFinite(Number(value)) ? undefined : ['INVALID_NUMBER', `${value} is not a valid number.`];
    case 'datetime':
    case 'date':
      return Number.isFinite(DIGITS.test(value) ? Number(value) : Date.parse(value)) ? undefined : ['INVALID_DATE', `${value} is not a valid date.`];
    case 'bool':
      return ['true', 'false'].includes(value.toLowerCase()) ? undefined : ['INVALID_OPTION', `${value} was not one of the allowed options: [true, false]`];
    case 'enumeration': {
      if (definition.referencedObjectType === 'OWNER') {
        return ownerIds.has(value) ? undefined : ['INVALID_OPTION', `${value} was not one of the allowed options: a valid owner id`];
      }
      if (definition.externalOptions) return undefined;
      const allowed = definition.options.map((o) => o.value);
      const given = definition.fieldType === 'checkbox' ? value.split(';') : [value];
      const bad = given.find((v) => !allowed.includes(v));
      return bad === undefined ? undefined : ['INVALID_OPTION', `${bad} was not one of the allowed options: [${allowed.join(', ')}]`];
    }
    default:
      return undefined;
  }
}

/** Validates one record's property writes the way HubSpot does; returns normalised values or every problem found. */
export function validatePropertyWrites(
  input: Readonly<Record<string, string | number | boolean | null>>,
  context: { portalId: number; definitions: ReadonlyMap<string, PropertyDefinition>; ownerIds: ReadonlySet<string> },
): { ok: true; values: Record<string, string> } | { ok: false; errors: PropertyValueError[] } {
  const values: Record<string, string> = {};
  const errors: PropertyValueError[] = [];
  const fail = (name: string, error: string, message: string): void => {
    errors.push({ isValid: false, message, error, name, localizedErrorMessage: message, portalId: context.portalId });
  };
  for (const [name, raw] of Object.entries(input)) {
    const value = raw === null ? '' : String(raw);
    const definition = context.definitions.get(name);
    if (!definition || definition.archived) {
      fail(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`);
      continue;
    }
    const found = problem(definition, value, context.ownerIds);
    if (found) fail(name, found[0], found[1]);
    else values[name] = normalisePropertyValue(definition, value);
  }
  return errors.length === 0 ? { ok: true, values } : { ok: false, errors };
}
