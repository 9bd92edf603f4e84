import type { Request } from 'express';
import { verifyV3, type VerifyV3Result } from '../hubspot/signature';

/**
 * Checks HubSpot's v3 signature on a request whose raw body readRawBody kept. The signed URI is the public
 * one HubSpot called (APP_BASE_URL + path + query), never what a proxy forwarded.
 */
export function verifyHubspotRequest(
  req: Request,
  deps: { clientSecret: string; appBaseUrl: string; now: () => Date },
): { body: string; verified: VerifyV3Result } {
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const verified = verifyV3({
    clientSecret: deps.clientSecret,
    method: req.method,
    uri: `${deps.appBaseUrl}${req.originalUrl}`,
    body: raw,
    signature: req.get('X-HubSpot-Signature-v3'),
    timestamp: req.get('X-HubSpot-Request-Timestamp'),
    now: () => deps.now().getTime(),
  });
  return { body: raw.toString('utf8'), verified };
}
