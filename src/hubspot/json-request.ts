import type { Client } from '@hubspot/api-client';
import type { ErrorResponse } from './error-response-capture';

export interface JsonRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** From `hubspotApiPaths`. */
  path: string;
  body?: unknown;
  /** Query parameters; arrays repeat the name (`properties=a&properties=b`), undefined ones are left out. */
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
}

/** An HTTP answer of 400 or more, as it came over the wire (toHubspotApiError makes it a HubspotApiError). */
export class HubspotErrorAnswer extends Error {
  constructor(readonly response: ErrorResponse) {
    super(`HubSpot answered ${response.status}`);
    this.name = 'HubspotErrorAnswer';
  }
}

/**
 * One call to a dated HubSpot path through the SDK's generic request (its auth, base path and
 * transport; our limiter and retries around it, as for every call): the parsed JSON of a 2xx answer,
 * undefined for an empty one, HubspotErrorAnswer for anything of 400 or more.
 */
export async function hubspotJson<T>(client: Client, request: JsonRequest): Promise<T> {
  const response = await client.apiRequest({
    method: request.method,
    path: withQuery(request.path, request.query),
    ...(request.body !== undefined && { body: request.body }),
  });
  const text = await answerText(response);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** The body of a 2xx answer; HubspotErrorAnswer for one of 400 or more. */
export async function answerText(response: Awaited<ReturnType<Client['apiRequest']>>): Promise<string> {
  const text = await response.text();
  if (response.status < 400) return text;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  throw new HubspotErrorAnswer({ status: response.status, headers, text });
}

function withQuery(path: string, query: JsonRequest['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(name, item);
    else params.append(name, String(value));
  }
  const encoded = params.toString();
  return encoded === '' ? path : `${path}?${encoded}`;
}
