import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import { HubspotHttpError } from './hubspot-errors';

export interface RateLimitPolicy {
  maxRequests: number;
  windowMs: number;
}

/** HubSpot's limit for marketplace OAuth apps: 110 requests per rolling 10 seconds per portal. */
export const TEN_SECONDLY_ROLLING: RateLimitPolicy = { maxRequests: 110, windowMs: 10_000 };
/** Search endpoints have their own, lower limit (5 per second per portal) and don't count towards the other. */
export const SEARCH_SECONDLY: RateLimitPolicy = { maxRequests: 5, windowMs: 1_000 };

/** A rolling-window counter per key: a request is allowed when fewer than `maxRequests` were allowed in the last `windowMs`. */
export class RollingWindowLimiter {
  private readonly allowedAt = new Map<string, number[]>();

  constructor(private readonly policy: RateLimitPolicy, private readonly now: () => number) {}

  tryAcquire(key: string): { allowed: boolean; remaining: number } {
    const now = this.now();
    const recent = (this.allowedAt.get(key) ?? []).filter((at) => at > now - this.policy.windowMs);
    const allowed = recent.length < this.policy.maxRequests;
    if (allowed) recent.push(now);
    this.allowedAt.set(key, recent);
    return { allowed, remaining: this.policy.maxRequests - recent.length };
  }
}

/** The body HubSpot sends with a 429. */
export function rateLimitBody(policyName: string, message: string, groupName: string): Record<string, unknown> {
  return { status: 'error', message, errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName, groupName };
}

export function tenSecondlyRejection(groupName: string, headers: Record<string, string> = {}): HubspotHttpError {
  return new HubspotHttpError(429, rateLimitBody('TEN_SECONDLY_ROLLING', 'You have reached your ten_secondly_rolling limit.', groupName), headers);
}

/** Per-portal limit on `res.locals.portalId` (set by authentication), with HubSpot's X-HubSpot-RateLimit-* headers. */
export function rateLimit(options: { policy: RateLimitPolicy; now: () => number; appId: number; search?: boolean }): RequestHandler {
  const limiter = new RollingWindowLimiter(options.policy, options.now);
  return (_req, res, next) => {
    const portalId = res.locals.portalId as number;
    const groupName = `publicapi:oauth:${options.appId}:${portalId}`;
    const { allowed, remaining } = limiter.tryAcquire(String(portalId));
    if (options.search) {
      if (allowed) return next();
      return next(new HubspotHttpError(429, rateLimitBody('SECONDLY', 'You have reached your secondly limit.', `${groupName}:search`)));
    }
    res.setHeader('X-HubSpot-RateLimit-Max', String(options.policy.maxRequests));
    res.setHeader('X-HubSpot-RateLimit-Remaining', String(remaining));
    res.setHeader('X-HubSpot-RateLimit-Interval-Milliseconds', String(options.policy.windowMs));
    next(allowed ? undefined : tenSecondlyRejection(groupName));
  };
}
