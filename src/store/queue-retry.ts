/**
 * How the three durable queues (the inbox, the outbox, the task outbox) try a failed item again: one rule,
 * exponential backoff from `baseMs` doubling with each attempt up to `capMs`, given up after `maxAttempts`.
 * They differ only in pace: an event is retried within seconds, a write-back within minutes, a task (which a
 * rep will read) within hours.
 */
export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
}

export const QUEUE_RETRY = {
  inbox: { baseMs: 1_000, capMs: 15 * 60_000, maxAttempts: 8 },
  outbox: { baseMs: 2_000, capMs: 30 * 60_000, maxAttempts: 10 },
  tasks: { baseMs: 60_000, capMs: 6 * 3_600_000, maxAttempts: 8 },
} as const satisfies Record<string, RetryPolicy>;

/** When an item that failed its `attempts`-th attempt is tried again. */
export const retryAt = (policy: RetryPolicy, attempts: number, now: Date): Date =>
  new Date(now.getTime() + Math.min(policy.baseMs * 2 ** Math.max(attempts - 1, 0), policy.capMs));

/** Whether an item that failed its `attempts`-th attempt is given up on (dead-lettered, dropped). */
export const givenUp = (policy: Pick<RetryPolicy, 'maxAttempts'>, attempts: number): boolean => attempts >= policy.maxAttempts;
