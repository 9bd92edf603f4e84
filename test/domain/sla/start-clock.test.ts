import { startClock } from '../../../src/domain/sla';
import { local, wallClock, weekdays9to5 } from '../calendar/calendars';
import { policy } from './policies';

const NY = 'America/New_York';
const newYorkUs = weekdays9to5(NY, { country: 'US' });

describe('startClock', () => {
  it.each<[string, number, number, string, string, string]>([
    ['within a day', 4, 0.5, '2026-01-13T10:00', '2026-01-13T12:00', '2026-01-13T14:00'],
    ['Friday afternoon runs into Monday', 4, 0.5, '2026-01-09T16:30', '2026-01-12T10:30', '2026-01-12T12:30'],
    ['reminder at three quarters', 8, 0.75, '2026-01-13T09:00', '2026-01-13T15:00', '2026-01-13T17:00'],
    ['assigned at night starts counting at opening', 2, 0.5, '2026-01-13T22:00', '2026-01-14T10:00', '2026-01-14T11:00'],
    ['fractional hours', 1.5, 0.5, '2026-01-13T09:00', '2026-01-13T09:45', '2026-01-13T10:30'],
    ['across Thanksgiving', 4, 0.25, '2026-11-25T15:00', '2026-11-25T16:00', '2026-11-27T11:00'],
  ])('%s', (_name, hours, fraction, assigned, remind, due) => {
    const assignedAt = local(assigned, NY);
    const clock = startClock(policy({ firstTouchWithinHours: hours, reminderAtFraction: fraction }), newYorkUs, assignedAt);
    expect({ ...clock, remindAt: wallClock(clock.remindAt, NY), dueAt: wallClock(clock.dueAt, NY) }).toEqual({
      policyId: 'standard',
      onBreach: 'reassign',
      clearOwnerOnRecycle: false,
      assignedAt,
      remindAt: remind,
      dueAt: due,
      state: 'on_track',
    });
  });

  it('gives reps in Berlin and Tokyo their own due times for the same assignment', () => {
    const assignedAt = Date.UTC(2026, 0, 13, 7);
    const berlin = startClock(policy({ firstTouchWithinHours: 2 }), weekdays9to5('Europe/Berlin'), assignedAt);
    const tokyo = startClock(policy({ firstTouchWithinHours: 2 }), weekdays9to5('Asia/Tokyo'), assignedAt);
    expect(new Date(berlin.dueAt).toISOString()).toBe('2026-01-13T10:00:00.000Z');
    expect(new Date(tokyo.dueAt).toISOString()).toBe('2026-01-14T01:00:00.000Z');
  });
});
