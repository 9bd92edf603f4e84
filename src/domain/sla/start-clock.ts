import { addBusinessTime, type BusinessCalendar } from '../calendar';
import type { SlaClock } from './sla-clock';
import type { SlaPolicy } from './sla-policy';

const HOUR_MS = 3_600_000;

/** A clock for a lead assigned at `assignedAt` to an owner working to `calendar`. */
export function startClock(policy: SlaPolicy, calendar: BusinessCalendar, assignedAt: number): SlaClock {
  const windowMs = Math.round(policy.firstTouchWithinHours * HOUR_MS);
  return {
    policyId: policy.id,
    onBreach: policy.onBreach,
    clearOwnerOnRecycle: policy.clearOwnerOnRecycle,
    assignedAt,
    dueAt: addBusinessTime(calendar, assignedAt, windowMs),
    remindAt: addBusinessTime(calendar, assignedAt, Math.round(windowMs * policy.reminderAtFraction)),
    state: 'on_track',
  };
}
