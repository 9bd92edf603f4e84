import { formatDuration } from '../shared/format-duration';
import type { SlaClock, SlaState } from './routing-types';

const MS_PER_MINUTE = 60_000;

/** States in which the first-touch clock still runs (nobody has touched the lead yet). */
export const RUNNING_STATES: readonly SlaState[] = ['on_track', 'at_risk', 'breached'];

export function isRunning(sla: SlaClock | null): sla is SlaClock {
  return sla !== null && RUNNING_STATES.includes(sla.state);
}

/**
 * Minutes left until due at `now`, from the service's answer at `asOf`: business minutes count
 * down only while the owner's business time runs; once overdue the span is wall-clock time, so it
 * grows whether or not business time runs.
 */
export function remainingMinutesAt(sla: SlaClock, asOf: string, now: number): number {
  const elapsed = Math.max(0, (now - Date.parse(asOf)) / MS_PER_MINUTE);
  const remaining = sla.remainingBusinessMinutes;
  if (remaining <= 0) return remaining - elapsed;
  return sla.ticking ? remaining - elapsed : remaining;
}

/** "2 h 15 min of business time left", "Overdue by 1 h 5 min". */
export function describeRemaining(minutes: number): string {
  if (minutes > 0) return `${formatDuration(Math.ceil(minutes))} of business time left`;
  const overdue = Math.floor(-minutes);
  return overdue < 1 ? 'Due now' : `Overdue by ${formatDuration(overdue, { days: true })}`;
}
