import Bottleneck from 'bottleneck';
import { HubspotApiError } from './api-error';
import type { ErrorResponse } from './error-response-capture';
import { HubspotErrorAnswer } from './json-request';
import { parseRetryAfter } from './retry-after';

export interface ErrorContext {
  operation: string;
  portalId: number;
  /** The error answer the SDK call got, when it got one (see createErrorResponseCapture). */
  response?: ErrorResponse;
  /** Values that must never appear in a message (the access token the call used). */
  secrets: string[];
  now: number;
}

const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'EAI_AGAIN',
  'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT',
]);

const DETAIL_MAX = 300;

/**
 * What a failed SDK call means, as a HubspotApiError: an HTTP error answer, or a network failure
 * (node-fetch's FetchError, a socket hang-up, Bottleneck's job expiration). Anything else is a bug
 * of ours and is returned as undefined, to be rethrown untouched.
 */
export function toHubspotApiError(error: unknown, context: ErrorContext): HubspotApiError | undefined {
  const { operation, portalId } = context;
  const response = context.response ?? (error instanceof HubspotErrorAnswer ? error.response : fromApiException(error));
  if (response) {
    const body = parseBody(redact(response.text, context.secrets));
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    return new HubspotApiError({
      status: response.status,
      operation,
      portalId,
      body,
      category: text(fields.category) ?? text(fields.errorType),
      correlationId: text(fields.correlationId),
      policyName: text(fields.policyName),
      detail: shorten(text(fields.message) ?? (typeof body === 'string' ? body : undefined)),
      retryAfterMs: parseRetryAfter(response.headers['retry-after'], context.now),
    });
  }
  const code = networkCode(error);
  if (code) {
    const detail = error instanceof Error ? shorten(redact(error.message, context.secrets)) : undefined;
    return new HubspotApiError({ status: 0, operation, portalId, body: undefined, code, detail });
  }
  return undefined;
}

/** The SDK's ApiException (one class per generated module, so recognised by shape). */
function fromApiException(error: unknown): ErrorResponse | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, body, headers } = error as { code?: unknown; body?: unknown; headers?: unknown };
  if (typeof code !== 'number' || code < 400) return undefined;
  return {
    status: code,
    headers: typeof headers === 'object' && headers !== null ? (headers as Record<string, string>) : {},
    text: typeof body === 'string' ? body : JSON.stringify(body ?? null),
  };
}

function networkCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, type, name } = error as Error & { code?: unknown; type?: unknown };
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  if (name === 'FetchError' || type === 'system') return typeof code === 'string' ? code : 'FETCH_ERROR';
  if (type === 'request-timeout' || name === 'AbortError') return 'ETIMEDOUT';
  if (error instanceof Bottleneck.BottleneckError && /timed out/i.test(error.message)) return 'ETIMEDOUT';
  if (/socket hang up/i.test(error.message)) return 'ECONNRESET';
  return undefined;
}

function parseBody(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw.slice(0, 2000);
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function redact(raw: string, secrets: string[]): string {
  let clean = raw.replace(/Bearer\s+[^\s"']+/gi, 'Bearer [redacted]');
  for (const secret of secrets) if (secret) clean = clean.split(secret).join('[redacted]');
  return clean;
}

function shorten(detail: string | undefined): string | undefined {
  if (detail === undefined) return undefined;
  return detail.length > DETAIL_MAX ? `${detail.slice(0, DETAIL_MAX)}…` : detail;
}
