import { signV3 } from '../../src/hubspot/signature';

export interface SignedCallOptions {
  portalId: number;
  userId?: number;
  secret: string;
  timestamp?: number;
  sign?: boolean;
}

/** A request as HubSpot sends it for `hubspot.fetch`: portal and user ids appended to the query, then signed (v3). */
export async function signedCall(serviceUrl: string, method: 'GET' | 'POST', path: string, body: unknown, options: SignedCallOptions) {
  const url = new URL(path, 'http://placeholder');
  url.searchParams.set('portalId', String(options.portalId));
  url.searchParams.set('userId', String(options.userId ?? 4242));
  url.searchParams.set('userEmail', 'rep@example.com');
  const pathAndQuery = `${url.pathname}${url.search}`;
  const text = body === undefined ? '' : JSON.stringify(body);
  const timestamp = options.timestamp ?? Date.now();
  const headers: Record<string, string> = { 'content-type': 'application/json', 'X-HubSpot-Request-Timestamp': String(timestamp) };
  if (options.sign !== false) {
    headers['X-HubSpot-Signature-v3'] = signV3({ clientSecret: options.secret, method, uri: `${serviceUrl}${pathAndQuery}`, body: text, timestamp });
  }
  const response = await fetch(`${serviceUrl}${pathAndQuery}`, { method, headers, ...(text ? { body: text } : {}) });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}
