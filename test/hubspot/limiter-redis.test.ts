import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { silentLogger } from '../../src/log';
import { createPortalLimiters } from '../../src/hubspot/limiter';
import { maxInRollingWindow } from './gateway-test-kit';

const redisUrl = process.env.REDIS_URL;
const maybe = redisUrl ? describe : describe.skip;
if (!redisUrl) {
  // eslint-disable-next-line no-console
  console.warn('REDIS_URL is not set: the clustered (Redis) rate limiter tests are skipped.');
}

const MAX_REQUESTS = 20;
const WINDOW_MS = 200;
/** How late the test's own event loop may run a started call: up to ~100 ms on a loaded 2-core CI machine. */
const JITTER_MS = 150;

maybe('per-portal limiters clustered over Redis', () => {
  const name = `hubspot-test-${randomUUID()}`;
  let admin: IORedis;

  beforeAll(() => {
    admin = new IORedis(redisUrl!);
  });

  afterAll(async () => {
    const keys = await admin.keys(`b_${name}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  test('two instances sharing one portal never exceed the limit together in any rolling window', async () => {
    const instances = ['a', 'b'].map((instance) => ({
      instance,
      limiters: createPortalLimiters({
        logger: silentLogger,
        maxRequests: MAX_REQUESTS,
        windowMs: WINDOW_MS,
        jitterMs: JITTER_MS,
        name,
        redis: redisUrl!,
      }),
    }));
    const starts: { instance: string; at: number }[] = [];

    await Promise.all(
      instances.flatMap(({ instance, limiters }) =>
        Array.from({ length: 150 }, () =>
          limiters.forPortal(99).schedule({ expiration: 10_000 }, async () => {
            starts.push({ instance, at: Date.now() });
          }),
        ),
      ),
    );
    await Promise.all(instances.map(({ limiters }) => limiters.disconnect()));

    expect(starts).toHaveLength(300);
    expect(new Set(starts.slice(0, 40).map((start) => start.instance))).toEqual(new Set(['a', 'b']));
    expect(maxInRollingWindow(starts.map((start) => start.at), WINDOW_MS)).toBeLessThanOrEqual(MAX_REQUESTS);
  }, 30_000);

  test('portals do not share a quota, and disconnect rejects what still waits but leaves a given client open', async () => {
    const client = new IORedis(redisUrl!);
    const limiters = createPortalLimiters({ logger: silentLogger, maxRequests: 2, windowMs: 60_000, jitterMs: 0, name, redis: client });
    const order: number[] = [];

    // Portal 1 may start one call a minute: its second call waits, portal 2's call does not.
    const first = limiters.forPortal(1).schedule(async () => order.push(1));
    const second = limiters.forPortal(1).schedule(async () => order.push(11)).catch((error: unknown) => error);
    await first;
    await limiters.forPortal(2).schedule(async () => order.push(2));

    expect(order).toEqual([1, 2]);
    await limiters.disconnect();
    expect(await second).toMatchObject({ message: 'HubSpot rate limiter closed' });
    expect(client.status).toBe('ready');
    await client.quit();
  });
});
