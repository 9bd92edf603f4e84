import { advanceClock, remainingBusinessMs, startClock } from '../../../src/domain/sla';
import { HOUR, local, MINUTE, weekdays9to5 } from '../calendar/calendars';
import { policy } from './policies';

const NY = 'America/New_York';
const calendar = weekdays9to5(NY, { country: 'US' });
const at = (wall: string) => local(wall, NY);
// Assigned Friday 16:30 with 4 business hours: due Monday 12:30.
const clock = startClock(policy({ firstTouchWithinHours: 4 }), calendar, at('2026-01-09T16:30'));

describe('remainingBusinessMs', () => {
  it.each<[string, string, number]>([
    ['at assignment', '2026-01-09T16:30', 4 * HOUR],
    ['at Friday closing', '2026-01-09T17:00', 3.5 * HOUR],
    ['paused over the weekend', '2026-01-10T12:00', 3.5 * HOUR],
    ['Monday before opening', '2026-01-12T08:00', 3.5 * HOUR],
    ['Monday mid-morning', '2026-01-12T11:45', 45 * MINUTE],
    ['at the due time', '2026-01-12T12:30', 0],
    ['overdue counts business time only (4.5 h Monday, 0.5 h Tuesday)', '2026-01-13T09:30', -5 * HOUR],
  ])('%s', (_name, now, remaining) => {
    expect(remainingBusinessMs(clock, calendar, at(now))).toBe(remaining);
  });

  it('stops counting at the first touch', () => {
    const touched = advanceClock(clock, calendar, { now: at('2026-01-12T11:00'), touches: [{ at: at('2026-01-12T10:00'), ownerId: 'rep-1', kind: 'call' }], ownerId: 'rep-1' }).clock;
    expect(remainingBusinessMs(touched, calendar, at('2026-01-14T10:00'))).toBe(2.5 * HOUR);
  });
});
