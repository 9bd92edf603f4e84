import type { CapPeriod } from './scoring-rules';

export const DAY_MS = 86_400_000;

/** The UTC calendar period a time falls in, as a number that orders like time (weeks start on Monday). */
export function capPeriodOf(per: CapPeriod, at: number): number {
  switch (per) {
    case 'day':
      return Math.floor(at / DAY_MS);
    case 'week':
      return Math.floor((Math.floor(at / DAY_MS) + 3) / 7); // 1970-01-01 was a Thursday
    case 'month': {
      const date = new Date(at);
      return date.getUTCFullYear() * 12 + date.getUTCMonth();
    }
    case 'ever':
      return 0;
  }
}
