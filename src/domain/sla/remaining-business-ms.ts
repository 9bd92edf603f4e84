import { businessTimeBetween, type BusinessCalendar } from '../calendar';
import type { SlaClock } from './sla-clock';

/**
 * Business time left before the clock is due: negative once overdue. The countdown stops at the
 * owner's first touch, so a met clock shows the margin it was met by and a late touch how late it was.
 */
export function remainingBusinessMs(clock: SlaClock, calendar: BusinessCalendar, now: number): number {
  return businessTimeBetween(calendar, clock.firstTouchAt ?? now, clock.dueAt);
}
