import { givenUp, QUEUE_RETRY, retryAt } from '../../src/store/queue-retry';

const NOW = new Date('2026-12-01T12:00:00Z');
const delay = (policy: (typeof QUEUE_RETRY)[keyof typeof QUEUE_RETRY], attempts: number) => retryAt(policy, attempts, NOW).getTime() - NOW.getTime();

describe('the durable queues retry by one rule, each at its own pace', () => {
  it.each([
    ['inbox', 1, 1_000],
    ['inbox', 2, 2_000],
    ['inbox', 8, 128_000],
    ['inbox', 20, 15 * 60_000],
    ['outbox', 1, 2_000],
    ['outbox', 5, 32_000],
    ['outbox', 20, 30 * 60_000],
    ['tasks', 1, 60_000],
    ['tasks', 3, 240_000],
    ['tasks', 12, 6 * 3_600_000],
  ] as const)('%s: after attempt %i, again in %i ms', (queue, attempts, ms) => {
    expect(delay(QUEUE_RETRY[queue], attempts)).toBe(ms);
  });

  it.each([
    ['inbox', 7, false],
    ['inbox', 8, true],
    ['outbox', 9, false],
    ['outbox', 10, true],
    ['tasks', 8, true],
  ] as const)('%s: given up after attempt %i: %s', (queue, attempts, expected) => {
    expect(givenUp(QUEUE_RETRY[queue], attempts)).toBe(expected);
  });
});
