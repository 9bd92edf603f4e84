import { HubspotApiError } from './api-error';

export interface RetryOptions {
  /** Attempts in all (the first call included) for 429s, 5xx and network errors. */
  maxAttempts: number;
  /** Backoff for 5xx and network errors: a random delay in [0, min(maxDelayMs, baseDelayMs·2^(attempt-1))). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** After a 429 without Retry-After: wait for the rolling window to pass (plus up to 25% jitter). */
  rateLimitWindowMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, rateLimitWindowMs: 10_000 };

export type RetryReason = 'rate_limited' | 'server_error' | 'network_error';
export type FailReason = 'daily_limit' | 'unauthorized' | 'client_error' | 'exhausted' | 'not_retryable';

export type RetryDecision =
  | { action: 'retry'; reason: RetryReason; delayMs: number }
  | { action: 'refresh_token' }
  | { action: 'fail'; reason: FailReason };

export interface AttemptState {
  /** Attempts made so far, the failed one included (1 after the first call). */
  attempt: number;
  /** Whether the token was already refreshed after a 401 during this call. */
  refreshed: boolean;
}

/**
 * What to do after a failed HubSpot call. 429 → wait as Retry-After says, or for the window to pass;
 * but a DAILY 429 fails (hammering it only burns tomorrow's quota). 5xx, 423 (HubSpot's "locked, retry
 * in a few seconds") and network errors → exponential backoff with full jitter. 401 → refresh the token
 * once. Every other 4xx, and anything that is not a HubspotApiError (PortalInactiveError, our bugs) → fail.
 */
export function decideRetry(error: unknown, state: AttemptState, options: RetryOptions, random: () => number): RetryDecision {
  if (!(error instanceof HubspotApiError)) return { action: 'fail', reason: 'not_retryable' };
  const reason = transientReason(error);
  if (reason === undefined) {
    if (error.status === 401) return state.refreshed ? { action: 'fail', reason: 'unauthorized' } : { action: 'refresh_token' };
    return { action: 'fail', reason: error.status === 429 ? 'daily_limit' : 'client_error' };
  }
  if (state.attempt >= options.maxAttempts) return { action: 'fail', reason: 'exhausted' };
  if (reason === 'rate_limited') {
    const delayMs = error.retryAfterMs ?? Math.round(options.rateLimitWindowMs * (1 + 0.25 * random()));
    return { action: 'retry', reason, delayMs };
  }
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (state.attempt - 1));
  return { action: 'retry', reason, delayMs: error.retryAfterMs ?? Math.floor(random() * ceiling) };
}

function transientReason(error: HubspotApiError): RetryReason | undefined {
  if (error.status === 0) return 'network_error';
  if (error.status === 429) return error.policyName === 'DAILY' ? undefined : 'rate_limited';
  if (error.status >= 500 || error.status === 423) return 'server_error';
  return undefined;
}
