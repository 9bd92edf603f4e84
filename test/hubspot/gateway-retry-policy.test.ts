import { HubspotApiError, type HubspotApiErrorFields } from '../../src/hubspot/api-error';
import { DEFAULT_RETRY, decideRetry } from '../../src/hubspot/retry';
import { parseRetryAfter } from '../../src/hubspot/retry-after';
import { PortalInactiveError } from '../../src/hubspot/token-provider';

const error = (fields: Partial<HubspotApiErrorFields>) =>
  new HubspotApiError({ status: 500, operation: 'contacts.batchRead', portalId: 1, body: {}, ...fields });
const first = { attempt: 1, refreshed: false };
const half = () => 0.5;

describe('retry decision', () => {
  test.each([
    ['429 with Retry-After', error({ status: 429, policyName: 'TEN_SECONDLY_ROLLING', retryAfterMs: 1500 }), { action: 'retry', reason: 'rate_limited', delayMs: 1500 }],
    ['429 without Retry-After', error({ status: 429 }), { action: 'retry', reason: 'rate_limited', delayMs: 11_250 }],
    ['DAILY 429', error({ status: 429, policyName: 'DAILY' }), { action: 'fail', reason: 'daily_limit' }],
    ['500', error({ status: 500 }), { action: 'retry', reason: 'server_error', delayMs: 250 }],
    ['503 with Retry-After', error({ status: 503, retryAfterMs: 4000 }), { action: 'retry', reason: 'server_error', delayMs: 4000 }],
    ['423 locked', error({ status: 423 }), { action: 'retry', reason: 'server_error', delayMs: 250 }],
    ['network error', error({ status: 0, code: 'ECONNRESET' }), { action: 'retry', reason: 'network_error', delayMs: 250 }],
    ['401', error({ status: 401 }), { action: 'refresh_token' }],
    ['400', error({ status: 400 }), { action: 'fail', reason: 'client_error' }],
    ['403', error({ status: 403 }), { action: 'fail', reason: 'client_error' }],
    ['404', error({ status: 404 }), { action: 'fail', reason: 'client_error' }],
    ['409', error({ status: 409 }), { action: 'fail', reason: 'client_error' }],
    ['PortalInactiveError', new PortalInactiveError(1, 'uninstalled'), { action: 'fail', reason: 'not_retryable' }],
    ['a bug of ours', new TypeError('x is undefined'), { action: 'fail', reason: 'not_retryable' }],
  ])('%s', (_name, failure, decision) => {
    expect(decideRetry(failure, first, DEFAULT_RETRY, half)).toEqual(decision);
  });

  test('a 401 after a refresh fails', () => {
    expect(decideRetry(error({ status: 401 }), { attempt: 2, refreshed: true }, DEFAULT_RETRY, half)).toEqual({ action: 'fail', reason: 'unauthorized' });
  });

  test('backoff doubles per attempt up to maxDelayMs, with full jitter', () => {
    const options = { ...DEFAULT_RETRY, maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) => decideRetry(error({ status: 502 }), { attempt, refreshed: false }, options, half));
    expect(delays.map((d) => (d.action === 'retry' ? d.delayMs : -1))).toEqual([50, 100, 200, 400, 500, 500]);
    expect(decideRetry(error({ status: 502 }), first, options, () => 0)).toEqual({ action: 'retry', reason: 'server_error', delayMs: 0 });
  });

  test('transient failures stop at maxAttempts', () => {
    const last = { attempt: DEFAULT_RETRY.maxAttempts, refreshed: false };
    expect(decideRetry(error({ status: 503 }), last, DEFAULT_RETRY, half)).toEqual({ action: 'fail', reason: 'exhausted' });
    expect(decideRetry(error({ status: 429 }), last, DEFAULT_RETRY, half)).toEqual({ action: 'fail', reason: 'exhausted' });
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  test.each([
    ['2', 2000],
    ['0', 0],
    ['1.5', 1500],
    ['Sun, 01 Jun 2025 12:00:10 GMT', 10_000],
    ['Sun, 01 Jun 2025 11:59:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });
});
