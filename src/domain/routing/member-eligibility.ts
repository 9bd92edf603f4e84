import { checkAvailability } from './check-availability';
import type { RepState } from './pool-state';
import type { RepAvailability } from './rep-availability';
import type { SkippedMember } from './routing-input';
import type { PoolMember } from './routing-settings';

/**
 * Why a pool member cannot take a lead now, or undefined when they can. A member without availability (only
 * in settings not yet joined with HubSpot's and the default calendar, as a draft's preview) has no hours to miss.
 */
export function skipReason(member: PoolMember, rep: RepAvailability | undefined, repState: RepState, now: number): SkippedMember | undefined {
  const availability = rep ? checkAvailability(rep, now) : { available: true as const };
  if (!availability.available) return { ownerId: member.ownerId, reason: availability.reason, detail: availability.detail };
  const { perDay, open } = member.caps;
  if (perDay !== undefined && repState.assignedToday >= perDay) {
    return { ownerId: member.ownerId, reason: 'daily_cap', detail: `daily cap of ${perDay} reached` };
  }
  if (open !== undefined && repState.openLeads >= open) {
    return { ownerId: member.ownerId, reason: 'open_cap', detail: `open cap of ${open} reached` };
  }
  return undefined;
}
