import { advanceClock, closeClock, startClock, type SlaClock, type SlaEffect, type SlaState, type Touch } from '../../../src/domain/sla';
import { local, weekdays9to5 } from '../calendar/calendars';
import { policy } from './policies';

const NY = 'America/New_York';
const calendar = weekdays9to5(NY);
const at = (wall: string) => local(wall, NY);
// Assigned Tuesday 10:00, reminder 12:00, due 14:00.
const fresh = startClock(policy(), calendar, at('2026-01-13T10:00'));
const inState = (state: SlaState, firstTouchAt?: number): SlaClock => ({ ...fresh, state, ...(firstTouchAt === undefined ? {} : { firstTouchAt }) });
const touch = (wall: string, ownerId = 'rep-1', kind: Touch['kind'] = 'call'): Touch => ({ at: at(wall), ownerId, kind });
const REMIND: SlaEffect = { kind: 'remind', ownerId: 'rep-1' };
const REASSIGN: SlaEffect = { kind: 'breach', action: 'reassign', ownerId: 'rep-1' };

describe('advanceClock', () => {
  it.each<[string, SlaClock, string, Touch[], SlaState, SlaEffect[], string | undefined]>([
    ['on track before the reminder', fresh, '2026-01-13T11:59', [], 'on_track', [], undefined],
    ['at risk at the reminder time', fresh, '2026-01-13T12:00', [], 'at_risk', [REMIND], undefined],
    ['already at risk: no second reminder', inState('at_risk'), '2026-01-13T13:00', [], 'at_risk', [], undefined],
    ['breached at the due time', inState('at_risk'), '2026-01-13T14:00', [], 'breached', [REASSIGN], undefined],
    ['a missed sweep goes straight to breached without a stale reminder', fresh, '2026-01-14T09:00', [], 'breached', [REASSIGN], undefined],
    ['already breached: no second breach', inState('breached'), '2026-01-15T09:00', [], 'breached', [], undefined],
    ['met by a call before the reminder', fresh, '2026-01-13T11:30', [touch('2026-01-13T11:00')], 'met', [], '2026-01-13T11:00'],
    ['met while at risk', inState('at_risk'), '2026-01-13T13:30', [touch('2026-01-13T13:00', 'rep-1', 'email')], 'met', [], '2026-01-13T13:00'],
    ['met by a touch just before due, seen after due', inState('at_risk'), '2026-01-13T15:00', [touch('2026-01-13T13:59', 'rep-1', 'meeting')], 'met', [], '2026-01-13T13:59'],
    ['the earliest of several touches counts', fresh, '2026-01-13T13:00', [touch('2026-01-13T12:30', 'rep-1', 'note'), touch('2026-01-13T11:15', 'rep-1', 'property')], 'met', [], '2026-01-13T11:15'],
    ['a touch at the due time is late', inState('at_risk'), '2026-01-13T14:30', [touch('2026-01-13T14:00')], 'breached', [REASSIGN], '2026-01-13T14:00'],
    ['a late touch is recorded but the breach stands', inState('breached'), '2026-01-14T10:00', [touch('2026-01-14T09:30')], 'breached', [], '2026-01-14T09:30'],
    ['a touch by someone else does not meet it', fresh, '2026-01-13T12:30', [touch('2026-01-13T11:00', 'rep-2')], 'at_risk', [REMIND], undefined],
    ['a touch before assignment does not meet it', fresh, '2026-01-13T12:30', [touch('2026-01-13T09:30')], 'at_risk', [REMIND], undefined],
    ['a touch after now is not seen yet', fresh, '2026-01-13T11:00', [touch('2026-01-13T11:30')], 'on_track', [], undefined],
    ['a touch at the moment of assignment counts', fresh, '2026-01-13T10:00', [touch('2026-01-13T10:00')], 'met', [], '2026-01-13T10:00'],
    ['met is final', inState('met', at('2026-01-13T11:00')), '2026-01-15T09:00', [touch('2026-01-13T11:00')], 'met', [], '2026-01-13T11:00'],
    ['an earlier now never moves the state back', inState('at_risk'), '2026-01-13T10:30', [], 'at_risk', [], undefined],
  ])('%s', (_name, clock, now, touches, state, effects, firstTouch) => {
    const result = advanceClock(clock, calendar, { now: at(now), touches, ownerId: 'rep-1' });
    expect(result.clock.state).toBe(state);
    expect(result.effects).toEqual(effects);
    expect(result.clock.firstTouchAt).toBe(firstTouch === undefined ? undefined : at(firstTouch));
    expect(result.clock.dueAt).toBe(fresh.dueAt);
    expect(result.clock.breachedAt).toBe(state === 'breached' && clock.state !== 'breached' ? fresh.dueAt : clock.breachedAt);
  });

  it.each<[string, Parameters<typeof policy>[0], SlaEffect]>([
    ['reassign', { onBreach: 'reassign' }, { kind: 'breach', action: 'reassign', ownerId: 'rep-1' }],
    ['escalate', { onBreach: 'escalate' }, { kind: 'breach', action: 'escalate', ownerId: 'rep-1' }],
    ['recycle keeping the owner', { onBreach: 'recycle', clearOwnerOnRecycle: false }, { kind: 'breach', action: 'recycle', ownerId: 'rep-1', clearOwner: false }],
    ['recycle clearing the owner', { onBreach: 'recycle', clearOwnerOnRecycle: true }, { kind: 'breach', action: 'recycle', ownerId: 'rep-1', clearOwner: true }],
  ])('a breach says to %s', (_name, overrides, effect) => {
    const clock = startClock(policy(overrides), calendar, at('2026-01-13T10:00'));
    expect(advanceClock(clock, calendar, { now: at('2026-01-13T14:00'), touches: [], ownerId: 'rep-1' }).effects).toEqual([effect]);
  });

  it('fires each effect once however often a sweep runs', () => {
    const sweeps = ['2026-01-13T11:00', '2026-01-13T12:00', '2026-01-13T12:00', '2026-01-13T13:00', '2026-01-13T14:00', '2026-01-13T14:00', '2026-01-13T15:00', '2026-01-14T09:00', '2026-01-14T09:30', '2026-01-14T10:00'];
    let clock = fresh;
    const effects: SlaEffect[] = [];
    for (const now of sweeps) {
      const result = advanceClock(clock, calendar, { now: at(now), touches: [touch('2026-01-14T09:15')], ownerId: 'rep-1' });
      clock = result.clock;
      effects.push(...result.effects);
    }
    expect(effects).toEqual([REMIND, REASSIGN]);
    expect(clock).toEqual({ ...fresh, state: 'breached', breachedAt: fresh.dueAt, firstTouchAt: at('2026-01-14T09:15') });
  });

  it('gives the same result when advanced 10 times at the same moment', () => {
    const progress = { now: at('2026-01-13T14:30'), touches: [], ownerId: 'rep-1' };
    const first = advanceClock(fresh, calendar, progress);
    let clock = first.clock;
    const later: SlaEffect[] = [];
    for (let i = 0; i < 9; i += 1) {
      const result = advanceClock(clock, calendar, progress);
      clock = result.clock;
      later.push(...result.effects);
    }
    expect(first.effects).toEqual([REASSIGN]);
    expect(later).toEqual([]);
    expect(clock).toEqual(first.clock);
  });

  it('returns the same clock object when nothing changed', () => {
    const clock = inState('at_risk');
    expect(advanceClock(clock, calendar, { now: at('2026-01-13T13:00'), touches: [], ownerId: 'rep-1' }).clock).toBe(clock);
  });

  it.each<[string, SlaClock, 'reassigned' | 'recycled', SlaState]>([
    ['a running clock ends reassigned', inState('at_risk'), 'reassigned', 'reassigned'],
    ['a breached clock ends recycled', { ...inState('breached'), breachedAt: fresh.dueAt }, 'recycled', 'recycled'],
    ['a met clock stays met', inState('met', at('2026-01-13T11:00')), 'recycled', 'met'],
    ['an ended clock stays as it ended', inState('reassigned'), 'recycled', 'reassigned'],
  ])('closeClock: %s', (_name, clock, to, state) => {
    const closed = closeClock(clock, to);
    expect(closed.state).toBe(state);
    expect(closed.breachedAt).toBe(clock.breachedAt);
  });

  it('an ended clock never moves again, even with a touch', () => {
    const closed = closeClock(inState('on_track'), 'reassigned');
    expect(advanceClock(closed, calendar, { now: at('2026-01-15T09:00'), touches: [touch('2026-01-13T11:00')], ownerId: 'rep-1' })).toEqual({ clock: closed, effects: [] });
  });
});
