import type { BusinessCalendar } from './business-calendar';
import { businessIntervalsFrom } from './business-intervals';

/**
 * The earliest moment by which `durationMs` of business time has passed since `start`: a due time.
 * Zero duration gives `start` itself; a due time that fills a day exactly is that day's closing time.
 */
export function addBusinessTime(calendar: BusinessCalendar, start: number, durationMs: number): number {
  if (!(durationMs >= 0)) throw new RangeError(`Business time to add must be zero or more, got ${durationMs} ms`);
  if (durationMs === 0) return start;
  let remaining = durationMs;
  for (const [from, to] of businessIntervalsFrom(calendar, start)) {
    if (to - from >= remaining) return from + remaining;
    remaining -= to - from;
  }
  throw new Error('unreachable: business intervals never run out');
}
