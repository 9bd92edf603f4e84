import type { Redis } from 'ioredis';
import type { Logger } from '../log';
import { addCallHours, callOutcomesOf, type CallHour, type CallOutcomes } from '../store/call-outcomes';
import type { Db } from '../store/db';
import type { CallOutcome } from './gateway-metrics';

const HOUR_MS = 3_600_000;
const WINDOW_SECONDS = 10;
const KEY_PREFIX = 'lead-manager:hubspot-calls';

/** A portal's HubSpot calls in the last 10 s: every instance's when Redis is shared, otherwise this process's own. */
export interface RecentCalls {
  calls: number;
  windowSeconds: number;
  scope: 'all instances' | 'this process';
}

/**
 * What the operator API reports of each portal's HubSpot calls. Every call is counted in memory; the hourly
 * outcomes go to the database on a timer (one statement per flush, whatever the traffic) so any instance reads
 * the success rate and the last 429, and the calls of the last 10 s go to Redis per second when it is configured.
 * A call that never left (the portal is uninstalled) is not a call.
 */
export class CallLedger {
  private pending = new Map<string, CallHour>();
  private readonly seconds = new Map<number, Map<number, number>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: { db: Db; redis?: Redis | undefined; logger: Logger; now: () => Date }) {}

  record(portalId: number, outcome: CallOutcome): void {
    if (outcome === 'portal_inactive') return;
    const now = this.deps.now();
    const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
    const key = `${portalId}:${hour.getTime()}`;
    const counts = this.pending.get(key) ?? { portalId, hour, ok: 0, failed: 0, rateLimited: 0, lastRateLimitedAt: null };
    this.pending.set(key, counts);
    const rateLimited = outcome === 'rate_limited' || outcome === 'daily_limit';
    if (outcome === 'ok') counts.ok += 1;
    else counts.failed += 1;
    if (rateLimited) {
      counts.rateLimited += 1;
      counts.lastRateLimitedAt = now;
    }
    this.countSecond(portalId, Math.floor(now.getTime() / 1000));
  }

  async recentCalls(portalId: number): Promise<RecentCalls> {
    const second = Math.floor(this.deps.now().getTime() / 1000);
    const seconds = Array.from({ length: WINDOW_SECONDS }, (_, i) => second - i);
    const { redis } = this.deps;
    if (redis) {
      const counts = await redis.mget(seconds.map((s) => `${KEY_PREFIX}:${portalId}:${s}`));
      return { calls: counts.reduce((sum, count) => sum + Number(count ?? 0), 0), windowSeconds: WINDOW_SECONDS, scope: 'all instances' };
    }
    const own = this.seconds.get(portalId);
    return { calls: seconds.reduce((sum, s) => sum + (own?.get(s) ?? 0), 0), windowSeconds: WINDOW_SECONDS, scope: 'this process' };
  }

  /** The portals' outcomes since `since` as every instance flushed them (this one's unflushed counts too). */
  async outcomes(portalIds: readonly number[], since: Date): Promise<Map<number, CallOutcomes>> {
    await this.flush();
    return callOutcomesOf(this.deps.db, portalIds, since);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const hours = [...this.pending.values()];
    this.pending = new Map();
    try {
      await addCallHours(this.deps.db, hours, this.deps.now());
    } catch (error) {
      // Put back, to be added at the next flush.
      for (const counts of hours) this.merge(counts);
      throw error;
    }
  }

  start(intervalMs = 10_000): void {
    this.timer = setInterval(() => {
      this.flush().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'HubSpot call outcomes could not be saved; retried at the next flush'));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'HubSpot call outcomes could not be saved at stop'));
  }

  private countSecond(portalId: number, second: number): void {
    const { redis } = this.deps;
    if (redis) {
      const key = `${KEY_PREFIX}:${portalId}:${second}`;
      redis
        .multi()
        .incr(key)
        .expire(key, WINDOW_SECONDS * 2)
        .exec()
        .catch((error: unknown) => this.deps.logger.warn({ portalId, err: error }, 'HubSpot call could not be counted in Redis'));
      return;
    }
    const own = this.seconds.get(portalId) ?? new Map<number, number>();
    this.seconds.set(portalId, own);
    own.set(second, (own.get(second) ?? 0) + 1);
    for (const s of own.keys()) if (s <= second - WINDOW_SECONDS) own.delete(s);
  }

  private merge(counts: CallHour): void {
    const key = `${counts.portalId}:${counts.hour.getTime()}`;
    const existing = this.pending.get(key);
    if (!existing) return void this.pending.set(key, counts);
    existing.ok += counts.ok;
    existing.failed += counts.failed;
    existing.rateLimited += counts.rateLimited;
    if (counts.lastRateLimitedAt && (!existing.lastRateLimitedAt || counts.lastRateLimitedAt > existing.lastRateLimitedAt)) {
      existing.lastRateLimitedAt = counts.lastRateLimitedAt;
    }
  }
}
