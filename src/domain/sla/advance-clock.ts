import type { BusinessCalendar } from '../calendar';
import type { SlaClock, SlaEffect, SlaState, Touch } from './sla-clock';

export interface ClockProgress {
  now: number;
  /** The contact's touches; only the owner's, from assignment up to `now`, count. */
  touches: readonly Touch[];
  ownerId: string;
}

const RANK: Record<SlaState, number> = { on_track: 0, at_risk: 1, breached: 2, met: 3, reassigned: 3, recycled: 3 };

function firstOwnerTouch(clock: SlaClock, { now, touches, ownerId }: ClockProgress): number | undefined {
  const times = touches.filter((touch) => touch.ownerId === ownerId && touch.at >= clock.assignedAt && touch.at <= now).map((touch) => touch.at);
  return times.length === 0 ? undefined : Math.min(...times);
}

function stateAt(clock: SlaClock, now: number, touchedAt: number | undefined): SlaState {
  if (touchedAt !== undefined && touchedAt < clock.dueAt) return 'met';
  if (now >= clock.dueAt) return 'breached';
  return now >= clock.remindAt ? 'at_risk' : 'on_track';
}

function breachEffect(clock: SlaClock, ownerId: string): SlaEffect {
  return clock.onBreach === 'recycle'
    ? { kind: 'breach', action: 'recycle', ownerId, clearOwner: clock.clearOwnerOnRecycle }
    : { kind: 'breach', action: clock.onBreach, ownerId };
}

/**
 * Moves the clock to where it stands at `now` and says what to do about it. Each effect belongs to
 * entering a state, and states only move forward, so a sweep may run any number of times: the reminder
 * and the breach fire once. A touch that arrives after the breach fired is recorded, but the breach stands;
 * a reminder overtaken by the breach is not sent.
 * Due and reminder times were fixed by startClock, so the calendar is not consulted here.
 */
export function advanceClock(clock: SlaClock, _calendar: BusinessCalendar, progress: ClockProgress): { clock: SlaClock; effects: SlaEffect[] } {
  if (clock.state === 'met' || clock.state === 'reassigned' || clock.state === 'recycled') return { clock, effects: [] };
  const touchedAt = firstOwnerTouch(clock, progress);
  const reached = stateAt(clock, progress.now, touchedAt);
  const state = clock.state === 'breached' || RANK[reached] < RANK[clock.state] ? clock.state : reached;

  const effects: SlaEffect[] = [];
  if (state !== clock.state && state === 'at_risk') effects.push({ kind: 'remind', ownerId: progress.ownerId });
  if (state !== clock.state && state === 'breached') effects.push(breachEffect(clock, progress.ownerId));

  const recordTouch = touchedAt !== undefined && clock.firstTouchAt === undefined;
  if (state === clock.state && !recordTouch) return { clock, effects };
  const breached = state === 'breached' && clock.state !== 'breached';
  return { clock: { ...clock, state, ...(recordTouch ? { firstTouchAt: touchedAt } : {}), ...(breached ? { breachedAt: clock.dueAt } : {}) }, effects };
}

/** Ends a clock because the lead left its owner: reassigned (by the SLA or a person) or recycled; a met clock stays met. */
export function closeClock(clock: SlaClock, state: 'reassigned' | 'recycled'): SlaClock {
  return clock.state === 'met' || clock.state === 'reassigned' || clock.state === 'recycled' ? clock : { ...clock, state };
}
