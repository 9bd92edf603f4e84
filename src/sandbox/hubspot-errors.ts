import { randomUUID } from 'node:crypto';

/** A HubSpot-shaped error response: handlers throw it, the error middleware renders it. */
export class HubspotHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(typeof body.message === 'string' ? body.message : `HubSpot error ${status}`);
    this.name = 'HubspotHttpError';
  }
}

/** The standard CRM error body: `{ status: 'error', message, correlationId, category, ... }`. */
export function errorBody(category: string, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

export function crmError(status: number, category: string, message: string, extra: Record<string, unknown> = {}): HubspotHttpError {
  return new HubspotHttpError(status, errorBody(category, message, extra));
}

export function validationError(message: string, extra: Record<string, unknown> = {}): HubspotHttpError {
  return crmError(400, 'VALIDATION_ERROR', message, extra);
}

/**
 * One entry of a batch answer's `errors` (HubSpot's `StandardError`): `errors` and `links` are always present,
 * `context` maps a name to the values concerned.
 */
export function batchError(
  category: string,
  message: string,
  context: Record<string, string[]>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { status: 'error', category, ...extra, message, context, errors: [], links: {} };
}
