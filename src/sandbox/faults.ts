import type { RequestHandler } from 'express';
import { setTimeout as delay } from 'node:timers/promises';
import { HubspotHttpError, errorBody } from './hubspot-errors';
import { seededRandom } from './random';
import { tenSecondlyRejection } from './rate-limit';

export interface Faults {
  /** Share of calls answered 429 (TEN_SECONDLY_ROLLING body), 0..1. CRM calls only. */
  rate429?: number;
  /** Share of calls answered 502 or 503, 0..1. */
  rate5xx?: number;
  /** Extra delay before every answer, in real milliseconds. */
  latencyMs?: number;
  /** Send `Retry-After` (seconds) with injected 429s. */
  retryAfterSeconds?: number;
}

/** Seeded fault injection, switchable at run time with `set`. */
export class FaultInjector {
  private faults: Faults = {};
  private readonly random: () => number;

  constructor(seed: number, initial: Faults = {}) {
    this.random = seededRandom(seed);
    this.faults = { ...initial };
  }

  set(faults: Faults): void {
    this.faults = { ...faults };
  }

  current(): Readonly<Faults> {
    return this.faults;
  }

  middleware(options: { appId: number; allow429: boolean }): RequestHandler {
    return async (_req, res, next) => {
      const { rate429 = 0, rate5xx = 0, latencyMs = 0, retryAfterSeconds } = this.faults;
      if (latencyMs > 0) await delay(latencyMs);
      if (options.allow429 && rate429 > 0 && this.random() < rate429) {
        const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
        return next(tenSecondlyRejection(`publicapi:oauth:${options.appId}:${String(res.locals.portalId)}`, headers));
      }
      if (rate5xx > 0 && this.random() < rate5xx) {
        const status = this.random() < 0.5 ? 502 : 503;
        const message = status === 502 ? 'internal error' : 'The service is temporarily unavailable. Please try again later.';
        return next(new HubspotHttpError(status, errorBody(status === 502 ? 'INTERNAL_ERROR' : 'SERVICE_UNAVAILABLE', message)));
      }
      next();
    };
  }
}
