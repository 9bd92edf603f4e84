import type { ObjectType } from './object-types';
import type { PropertyValueError } from './property-values';
import type { SandboxState } from './state';

/** When a rule applies: another property of the record (as it would be after the write) has this value. */
export interface RuleCondition {
  property: string;
  equals: string;
}

interface RuleBase {
  /** Defaults to contacts. */
  objectType?: ObjectType;
  property: string;
  /** What HubSpot tells the caller; each kind has a default. */
  message?: string;
}

/**
 * A portal admin's validation rule, as HubSpot applies them to API writes from version 2026-09: `required`
 * (a property the Create Record form requires, or, with `when`, a conditional required property) is checked
 * against the record as it would be after the write; the others check a value being written.
 */
export type ValidationRule =
  | (RuleBase & { rule: 'required'; when?: RuleCondition })
  | (RuleBase & { rule: 'pattern'; pattern: string })
  | (RuleBase & { rule: 'maxLength'; maxLength: number })
  | (RuleBase & { rule: 'options'; options: readonly string[] });

/** Each portal's rules; a portal without any accepts every write its property types allow. */
export class PortalValidationRules {
  private readonly byPortal = new Map<number, readonly ValidationRule[]>();

  set(portalId: number, rules: readonly ValidationRule[]): void {
    // A bad pattern fails here, where the test arranges it, rather than as a 500 in the middle of a request.
    for (const rule of rules) if (rule.rule === 'pattern') RegExp(rule.pattern);
    this.byPortal.set(portalId, [...rules]);
  }

  clear(portalId: number): void {
    this.byPortal.delete(portalId);
  }

  /**
   * The rules a write breaks, as entries of HubSpot's "Property values were not valid" list. `current` is the
   * record before the write (undefined for a create).
   */
  check(
    portalId: number,
    type: ObjectType,
    current: Readonly<Record<string, string>> | undefined,
    values: Readonly<Record<string, string>>,
  ): PropertyValueError[] {
    const rules = (this.byPortal.get(portalId) ?? []).filter((rule) => (rule.objectType ?? 'contacts') === type);
    const after = { ...current, ...values };
    const errors: PropertyValueError[] = [];
    for (const rule of rules) {
      const broken = breaks(rule, current === undefined, after, values);
      if (!broken) continue;
      const message = rule.message ?? broken[1];
      errors.push({ isValid: false, message, error: broken[0], name: rule.property, localizedErrorMessage: message, portalId });
    }
    return errors;
  }
}

function breaks(
  rule: ValidationRule,
  creating: boolean,
  after: Readonly<Record<string, string>>,
  written: Readonly<Record<string, string>>,
): [code: string, message: string] | undefined {
  const value = written[rule.property];
  switch (rule.rule) {
    case 'required': {
      const applies = rule.when ? after[rule.when.property] === rule.when.equals : creating || value !== undefined;
      return applies && (after[rule.property] ?? '') === '' ? ['REQUIRED_PROPERTY', `${rule.property} is required`] : undefined;
    }
    case 'pattern':
      return value && !new RegExp(rule.pattern).test(value) ? ['INVALID_FORMAT', `${value} does not match the format required for ${rule.property}`] : undefined;
    case 'maxLength':
      return value && value.length > rule.maxLength ? ['TOO_LONG', `${rule.property} must be at most ${rule.maxLength} characters`] : undefined;
    case 'options':
      return value && !rule.options.includes(value) ? ['INVALID_OPTION', `${value} was not one of the allowed options: [${rule.options.join(', ')}]`] : undefined;
  }
}

/** A write's values that passed HubSpot's type checks, checked against the portal's rules too. */
export function withValidationRules(
  state: SandboxState,
  portalId: number,
  type: ObjectType,
  recordId: string | undefined,
  values: Record<string, string>,
): { ok: true; values: Record<string, string> } | { ok: false; errors: PropertyValueError[] } {
  const current = recordId === undefined ? undefined : state.findRecord(portalId, type, recordId)?.properties ?? {};
  const errors = state.validationRules.check(portalId, type, current, values);
  return errors.length === 0 ? { ok: true, values } : { ok: false, errors };
}
