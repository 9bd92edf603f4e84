import { hubspot } from '@hubspot/ui-extensions';
import { API_BASE } from './api-base';

/** A response from the service that is not 2xx; `code` is the body's `error` field when it has one. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    super(describeFailure(status, body));
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }

  get code(): string | undefined {
    return isRecord(this.body) && typeof this.body.error === 'string' ? this.body.error : undefined;
  }
}

export interface CallOptions {
  method?: 'GET' | 'POST';
  query?: Record<string, string | number>;
  body?: Record<string, unknown>;
}

/**
 * Calls the lead manager service through HubSpot's signed proxy. HubSpot adds portalId, userId and
 * userEmail itself, so callers never send them.
 */
export async function callApi<T>(path: string, { method = 'GET', query, body }: CallOptions = {}): Promise<T> {
  const search = query ? `?${new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]))}` : '';
  const response = await hubspot.fetch(`${API_BASE}${path}${search}`, body ? { method, body } : { method });
  const payload = await readJson(response);
  if (!response.ok) throw new ApiError(response.status, payload);
  return payload as T;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describeFailure(status: number, body: unknown): string {
  if (isRecord(body) && typeof body.message === 'string') return body.message;
  const issues = isRecord(body) && Array.isArray(body.issues) ? body.issues.filter(isRecord).map((issue) => issue.message) : [];
  if (issues.length > 0 && issues.every((message) => typeof message === 'string')) return issues.join(' ');
  if (status === 401 || status === 403) return 'The lead manager could not confirm this request came from HubSpot. Reload the page and try again.';
  if (status === 404) return 'The lead manager does not know this record yet.';
  if (status === 429) return 'The lead manager is busy. Try again in a few seconds.';
  if (status >= 500) return `The lead manager service is not answering (${status}). Try again in a minute.`;
  return `The lead manager refused the request (${status}${isRecord(body) && typeof body.error === 'string' ? `: ${body.error}` : ''}).`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Any thrown value as an Error, so the UI always has a message to show. */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
