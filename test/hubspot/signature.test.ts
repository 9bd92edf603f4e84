import { Signature } from '@hubspot/api-client';
import { createHmac } from 'node:crypto';
import { decodeUriForSignature, signV3, verifyV3 } from '../../src/hubspot/signature';

const clientSecret = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const body = '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
const uri = 'https://lead-manager.example.com/webhooks/hubspot';
const timestamp = 1_735_000_000_000;
const now = (): number => timestamp + 1_000;

describe('signV3', () => {
  it('is base64(HMAC-SHA256(secret, method + uri + body + timestamp))', () => {
    const expected = createHmac('sha256', clientSecret).update(`POST${uri}${body}${timestamp}`).digest('base64');
    expect(signV3({ clientSecret, method: 'POST', uri, body, timestamp })).toBe(expected);
  });

  it('agrees with the SDK for a URI without escapes', () => {
    const sdk = Signature.getSignature('POST', 'v3', { clientSecret, requestBody: body, url: uri, timestamp, signature: '' });
    expect(signV3({ clientSecret, method: 'POST', uri, body, timestamp })).toBe(sdk);
  });
});

describe('decodeUriForSignature', () => {
  it('decodes exactly HubSpot’s twelve escapes, in either hex case', () => {
    expect(decodeUriForSignature('https://x.test/a?b=%3a%2F%3F%40%21%24%27%28%29%2A%2c%3B'))
      .toBe("https://x.test/a?b=:/?@!$'()*,;");
  });

  it('leaves every other escape encoded', () => {
    expect(decodeUriForSignature('https://x.test/a?email=a%2Bb%40c.com&q=hello%20world%26x'))
      .toBe('https://x.test/a?email=a%2Bb@c.com&q=hello%20world%26x');
  });
});

describe('verifyV3', () => {
  const signature = signV3({ clientSecret, method: 'POST', uri, body, timestamp });
  const valid = { clientSecret, method: 'POST', uri, body, signature, timestamp, now };

  it('accepts a valid signature, also with the timestamp header as a string', () => {
    expect(verifyV3(valid)).toEqual({ ok: true });
    expect(verifyV3({ ...valid, timestamp: String(timestamp) })).toEqual({ ok: true });
  });

  it('accepts what the SDK accepts (cross-check with Signature.isValid v3)', () => {
    const fresh = Date.now();
    const sdkSignature = Signature.getSignature('POST', 'v3', { clientSecret, requestBody: body, url: uri, timestamp: fresh, signature: '' });
    expect(Signature.isValid({ signatureVersion: 'v3', signature: sdkSignature, clientSecret, requestBody: body, url: uri, method: 'POST', timestamp: fresh })).toBe(true);
    expect(verifyV3({ clientSecret, method: 'POST', uri, body, signature: sdkSignature, timestamp: fresh, now: () => fresh })).toEqual({ ok: true });
  });

  it('rejects a tampered body and a wrong secret as a mismatch', () => {
    expect(verifyV3({ ...valid, body: body.replace('123', '124') })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyV3({ ...valid, clientSecret: 'another-secret' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyV3({ ...valid, method: 'GET' })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a signature of a different length without throwing', () => {
    expect(verifyV3({ ...valid, signature: 'short' })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects missing headers', () => {
    expect(verifyV3({ ...valid, signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyV3({ ...valid, timestamp: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyV3({ ...valid, timestamp: 'yesterday' })).toEqual({ ok: false, reason: 'missing' });
  });

  it('rejects timestamps more than five minutes old or ahead', () => {
    expect(verifyV3({ ...valid, now: () => timestamp + 300_000 })).toEqual({ ok: true });
    expect(verifyV3({ ...valid, now: () => timestamp + 300_001 })).toEqual({ ok: false, reason: 'stale' });
    expect(verifyV3({ ...valid, now: () => timestamp - 300_001 })).toEqual({ ok: false, reason: 'future' });
    expect(verifyV3({ ...valid, now: () => timestamp + 60_000, maxAgeMs: 30_000 })).toEqual({ ok: false, reason: 'stale' });
  });

  it('hashes the URI with HubSpot’s decoding, so an encoded request URI verifies against HubSpot’s signature', () => {
    const encoded = `${uri}?portalId=62515&userEmail=ada%40example.com&filter=a%2Cb&name=Ada%20L`;
    const hubspotSigned = createHmac('sha256', clientSecret)
      .update(`GET${uri}?portalId=62515&userEmail=ada@example.com&filter=a,b&name=Ada%20L${timestamp}`).digest('base64');
    expect(verifyV3({ ...valid, method: 'GET', uri: encoded, body: '', signature: hubspotSigned })).toEqual({ ok: true });
  });
});
