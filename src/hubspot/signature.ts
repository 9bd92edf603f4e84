import { createHmac, timingSafeEqual } from 'node:crypto';

/** HubSpot's v3 request signature (webhooks and `hubspot.fetch` from UI extensions). */
export interface SignV3Input {
  clientSecret: string;
  method: string;
  /** The full public URI HubSpot called: `APP_BASE_URL` + path + query. */
  uri: string;
  /** The raw request body, exactly as received ('' for none); its bytes as received when it is a Buffer. */
  body: string | Buffer;
  /** `X-HubSpot-Request-Timestamp`: epoch milliseconds. */
  timestamp: number | string;
}

export interface VerifyV3Input extends Omit<SignV3Input, 'timestamp'> {
  /** `X-HubSpot-Signature-v3`. */
  signature: string | undefined;
  timestamp: number | string | undefined;
  now: () => number;
  maxAgeMs?: number;
}

export type VerifyV3Result = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'future' | 'mismatch' };

/** HubSpot decodes exactly these percent-escapes in the URI before hashing; everything else stays encoded. */
const DECODED_ESCAPES: Readonly<Record<string, string>> = {
  '3A': ':', '2F': '/', '3F': '?', '40': '@', '21': '!', '24': '$',
  '27': "'", '28': '(', '29': ')', '2A': '*', '2C': ',', '3B': ';',
};

export function decodeUriForSignature(uri: string): string {
  return uri.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => DECODED_ESCAPES[hex.toUpperCase()] ?? escape);
}

/** HMAC-SHA256 of method + URI + body + timestamp, fed in parts: a webhook body is ~30 KB, not worth copying into one string. */
export function signV3({ clientSecret, method, uri, body, timestamp }: SignV3Input): string {
  return createHmac('sha256', clientSecret)
    .update(`${method.toUpperCase()}${decodeUriForSignature(uri)}`, 'utf8')
    .update(body)
    .update(String(timestamp), 'utf8')
    .digest('base64');
}

/** Checks a v3 signature in constant time and rejects timestamps more than `maxAgeMs` away from `now()`. */
export function verifyV3(input: VerifyV3Input): VerifyV3Result {
  const { signature, timestamp, now, maxAgeMs = 300_000 } = input;
  if (!signature || timestamp === undefined || timestamp === '') return { ok: false, reason: 'missing' };
  const sentAt = Number(timestamp);
  if (!Number.isFinite(sentAt)) return { ok: false, reason: 'missing' };
  const age = now() - sentAt;
  if (age > maxAgeMs) return { ok: false, reason: 'stale' };
  if (age < -maxAgeMs) return { ok: false, reason: 'future' };
  const expected = Buffer.from(signV3({ ...input, timestamp }), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
