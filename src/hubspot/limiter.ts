import Bottleneck from 'bottleneck';
import IORedis, { type Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../log';

export interface PortalLimitersOptions {
  logger: Logger;
  /**
   * At most this many calls start in any rolling `windowMs`. HubSpot allows 110 / 10 s per portal; 105 leaves five
   * for what the spacing cannot see (a call delayed beyond `jitterMs`) and still uses 0.94 of the budget.
   */
  maxRequests?: number;
  windowMs?: number;
  /** How much later one call may reach HubSpot than another that left the limiter before it (event loop, network). */
  jitterMs?: number;
  /** Calls in flight at once per portal (cluster-wide when clustered). */
  maxConcurrent?: number;
  /** Share each portal's quota between instances through Redis: a URL, ioredis options, or a client (duplicated; the caller closes it). */
  redis?: string | Redis | RedisOptions;
  /** Prefix of the limiter ids, hence of the Redis keys (`b_<name>-<portalId>_…`). One per kind of quota. */
  name?: string;
  /** A portal's limiter (and its Redis keys) is dropped after this long idle. */
  idleTimeoutMs?: number;
}

export interface PortalLimiters {
  /** The portal's limiter; the same one for every call about the portal. */
  forPortal(portalId: number): Bottleneck;
  /** Rejects the calls still waiting, lets the running ones finish, then closes (and the Redis connection). */
  disconnect(): Promise<void>;
}

/**
 * One Bottleneck per portal (a Bottleneck.Group: idle portals are dropped, and with `redis` every
 * instance shares one quota per portal through one ioredis connection pair).
 */
export function createPortalLimiters(options: PortalLimitersOptions): PortalLimiters {
  const { logger, maxRequests = 105, windowMs = 10_000, maxConcurrent = 10, jitterMs = 100, name = 'hubspot' } = options;
  if (!Number.isInteger(maxRequests) || maxRequests < 2) throw new Error(`maxRequests must be an integer ≥ 2 (got ${maxRequests})`);
  // Even spacing, no reservoir. A Bottleneck reservoir refills on fixed boundaries, so N per window lets up to 2N
  // through across a boundary (and, clustered, it is only re-checked on a 5 s heartbeat); allowing safe bursts of B
  // would cost B/maxRequests of the sustained rate. Starts spaced by minTime put k calls in a rolling window only if
  // (k-1)·minTime ≤ windowMs + jitter (jitter: how much later one call may reach HubSpot than another after leaving
  // the limiter), so minTime = (windowMs + jitterMs) / (maxRequests - 1) keeps every rolling window ≤ maxRequests.
  // Redis keeps `nextRequest`, so the spacing holds across instances too.
  const minTime = Math.ceil((windowMs + jitterMs) / (maxRequests - 1));
  const settings = { minTime, maxConcurrent };
  const connection = options.redis ? createConnection(options.redis, logger) : undefined;
  const group = new Bottleneck.Group({
    ...settings,
    id: name,
    timeout: options.idleTimeoutMs ?? 5 * 60_000,
    ...(connection && { datastore: 'ioredis', connection, clearDatastore: false }),
  });
  group.on('created', (limiter: Bottleneck, key: string) => {
    limiter.on('error', (error: unknown) => logger.error({ err: error, portalId: Number(key), limiter: name }, 'rate limiter error'));
    // Clustered limiters keep the settings of whoever created the Redis keys first; make ours (the newest) apply.
    // (typed as returning the limiter, it returns a promise when clustered)
    if (connection) {
      Promise.resolve<unknown>(limiter.updateSettings(settings)).catch((error: unknown) =>
        logger.error({ err: error, portalId: Number(key), limiter: name }, 'rate limiter settings update failed'),
      );
    }
  });

  return {
    forPortal: (portalId) => group.key(String(portalId)),
    async disconnect() {
      // Bottleneck.Group has no way to stop its idle-cleanup timer, which would touch the closed limiters.
      clearInterval((group as unknown as { interval?: NodeJS.Timeout }).interval);
      await Promise.all(
        group.limiters().map(async ({ limiter }) => {
          await limiter.stop({ dropWaitingJobs: true, dropErrorMessage: 'HubSpot rate limiter closed' });
          await limiter.disconnect(true);
        }),
      );
      if (connection) await connection.disconnect(true);
    },
  };
}

function createConnection(redis: string | Redis | RedisOptions, logger: Logger): Bottleneck.IORedisConnection {
  // A client of our own: Bottleneck's disconnect quits the client it was given.
  const client = typeof redis === 'string' ? new IORedis(redis) : redis instanceof IORedis ? redis.duplicate() : new IORedis(redis);
  const connection = new Bottleneck.IORedisConnection({ client, Redis: IORedis });
  connection.on('error', (error: unknown) => logger.error({ err: error }, 'rate limiter Redis connection error'));
  return connection;
}
