import { HubspotApiError } from './api-error';
import type { CrmBatchItemError } from './crm-types';

/** A write HubSpot refused because it breaks the portal's validation rules (category VALIDATION_ERROR). */
export interface ValidationRefusal {
  /** HubSpot's message: its per-property messages when it gives them, else its message as a whole. */
  message: string;
  /** The properties HubSpot names, when it names any. */
  properties: string[];
  /** HubSpot's error codes (REQUIRED_PROPERTY, INVALID_OPTION…), when it gives any. */
  codes: string[];
}

export const VALIDATION_ERROR = 'VALIDATION_ERROR';

const MESSAGE_MAX = 1000;
const LIST_PREFIX = /^Property values were not valid:\s*/;

interface PropertyProblem {
  message?: string;
  code?: string;
  properties: string[];
}

/** What HubSpot said when it answered a write with 400 VALIDATION_ERROR; undefined for any other failure. */
export function validationRefusalOf(error: unknown): ValidationRefusal | undefined {
  if (!(error instanceof HubspotApiError) || error.status !== 400 || error.category !== VALIDATION_ERROR) return undefined;
  const body = isObject(error.body) ? error.body : {};
  const message = text(body.message) ?? error.detail ?? 'HubSpot refused the values';
  return refusal(message, [...listedProblems(message), ...detailedProblems(body.errors)]);
}

/** The same for one item error of a 207 batch answer (`context.propertyName` naming the properties, when given). */
export function itemValidationRefusal(item: CrmBatchItemError): ValidationRefusal {
  const named = item.context.propertyName ?? [];
  return refusal(item.message, [...listedProblems(item.message), ...(named.length > 0 ? [{ properties: named }] : [])]);
}

/**
 * HubSpot names the broken properties two ways: a JSON list inside the message (`Property values were not
 * valid: [{"name", "message", "error"}…]`) and an `errors` array (`{message, code, context: {propertyName}}`).
 */
function refusal(message: string, problems: PropertyProblem[]): ValidationRefusal {
  const messages = unique(problems.map((problem) => problem.message));
  return {
    message: shorten(messages.length > 0 ? messages.join('; ') : message),
    properties: unique(problems.flatMap((problem) => problem.properties)),
    codes: unique(problems.map((problem) => problem.code)),
  };
}

function listedProblems(message: string): PropertyProblem[] {
  if (!LIST_PREFIX.test(message)) return [];
  try {
    const list: unknown = JSON.parse(message.replace(LIST_PREFIX, ''));
    if (!Array.isArray(list)) return [];
    return list.filter(isObject).map((entry) => ({ message: text(entry.message), code: text(entry.error), properties: unique([text(entry.name)]) }));
  } catch {
    return [];
  }
}

function detailedProblems(errors: unknown): PropertyProblem[] {
  if (!Array.isArray(errors)) return [];
  return errors.filter(isObject).map((entry) => {
    const context = isObject(entry.context) ? entry.context : {};
    const named = Array.isArray(context.propertyName) ? context.propertyName.map(text) : [];
    return { message: text(entry.message), code: text(entry.code), properties: unique(named) };
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function unique(values: ReadonlyArray<string | undefined>): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}

function shorten(message: string): string {
  return message.length > MESSAGE_MAX ? `${message.slice(0, MESSAGE_MAX - 1)}\u2026` : message;
}
