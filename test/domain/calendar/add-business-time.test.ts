import { addBusinessTime, type BusinessCalendar } from '../../../src/domain/calendar';
import { HOUR, local, MINUTE, wallClock, weekdays9to5 } from './calendars';

const NY = 'America/New_York';
const newYork = weekdays9to5(NY);
const newYorkUs = weekdays9to5(NY, { country: 'US' });
const splitShift: BusinessCalendar = {
  timeZone: NY,
  workingHours: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => [day, [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }]]),
  ),
  holidays: {},
};

describe('addBusinessTime', () => {
  it.each<[string, BusinessCalendar, string, number, string]>([
    ['Friday 16:30 + 4 h runs into Monday', newYork, '2026-01-09T16:30', 4 * HOUR, '2026-01-12T12:30'],
    ['Friday 16:30 + 3 h is Monday 11:30', newYork, '2026-01-09T16:30', 3 * HOUR, '2026-01-12T11:30'],
    ['across the March DST weekend', newYork, '2026-03-06T16:30', 4 * HOUR, '2026-03-09T12:30'],
    ['across the November DST weekend', newYork, '2026-10-30T16:30', 4 * HOUR, '2026-11-02T12:30'],
    ['within one day', newYork, '2026-01-13T10:00', 2 * HOUR, '2026-01-13T12:00'],
    ['filling the day exactly ends at closing time', newYork, '2026-01-09T16:00', 1 * HOUR, '2026-01-09T17:00'],
    ['several days', newYork, '2026-01-12T09:00', 20 * HOUR, '2026-01-14T13:00'],
    ['a whole week of business hours', newYork, '2026-01-12T09:00', 40 * HOUR, '2026-01-16T17:00'],
    ['start before opening', newYork, '2026-01-13T07:15', 1 * HOUR, '2026-01-13T10:00'],
    ['start after closing', newYork, '2026-01-13T19:00', 1 * HOUR, '2026-01-14T10:00'],
    ['start on a Saturday', newYork, '2026-01-10T10:00', 30 * MINUTE, '2026-01-12T09:30'],
    ['Thanksgiving is skipped', newYorkUs, '2026-11-25T16:00', 2 * HOUR, '2026-11-27T10:00'],
    ['without holidays Thanksgiving is a working day', newYork, '2026-11-25T16:00', 2 * HOUR, '2026-11-26T10:00'],
    ['Christmas Day is skipped, then the weekend', newYorkUs, '2026-12-24T16:00', 2 * HOUR, '2026-12-28T10:00'],
    ['an ignored holiday is worked', weekdays9to5(NY, { country: 'US', ignore: ['2026-12-25'] }), '2026-12-24T16:00', 2 * HOUR, '2026-12-25T10:00'],
    ['an extra day off is skipped', weekdays9to5(NY, { extra: ['2026-01-13'] }), '2026-01-12T16:00', 2 * HOUR, '2026-01-14T10:00'],
    ['a regional holiday (California, César Chávez Day)', weekdays9to5('America/Los_Angeles', { country: 'US', region: 'CA' }), '2026-03-30T16:00', 2 * HOUR, '2026-04-01T10:00'],
    ['split shift: across lunch', splitShift, '2026-01-13T11:00', 2 * HOUR, '2026-01-13T14:00'],
    ['split shift: start during lunch', splitShift, '2026-01-13T12:30', 1 * HOUR, '2026-01-13T14:00'],
    ['split shift: the morning filled exactly ends at 12:00', splitShift, '2026-01-13T11:00', 1 * HOUR, '2026-01-13T12:00'],
    ['split shift: a 7-hour day', splitShift, '2026-01-13T09:00', 8 * HOUR, '2026-01-14T10:00'],
    ['zero duration during business time', newYork, '2026-01-13T10:00', 0, '2026-01-13T10:00'],
    ['zero duration outside business time stays put', newYork, '2026-01-10T10:00', 0, '2026-01-10T10:00'],
  ])('%s', (_name, calendar, start, duration, due) => {
    expect(wallClock(addBusinessTime(calendar, local(start, calendar.timeZone), duration), calendar.timeZone)).toBe(due);
  });

  it('gives the same UTC instant different due times for reps in Berlin and Tokyo', () => {
    const assignedAt = Date.UTC(2026, 0, 9, 7); // Friday 08:00 in Berlin, 16:00 in Tokyo
    const berlin = weekdays9to5('Europe/Berlin', { country: 'DE' });
    const tokyo = weekdays9to5('Asia/Tokyo', { country: 'JP' });
    expect(wallClock(addBusinessTime(berlin, assignedAt, 2 * HOUR), 'Europe/Berlin')).toBe('2026-01-09T11:00');
    expect(new Date(addBusinessTime(berlin, assignedAt, 2 * HOUR)).toISOString()).toBe('2026-01-09T10:00:00.000Z');
    // One hour on Friday, then Monday 12 January is Coming of Age Day.
    expect(wallClock(addBusinessTime(tokyo, assignedAt, 2 * HOUR), 'Asia/Tokyo')).toBe('2026-01-13T10:00');
    expect(new Date(addBusinessTime(tokyo, assignedAt, 2 * HOUR)).toISOString()).toBe('2026-01-13T01:00:00.000Z');
  });

  it('a Bavarian rep is off on Epiphany, a Berlin rep is not', () => {
    const start = local('2026-01-05T16:00', 'Europe/Berlin');
    expect(wallClock(addBusinessTime(weekdays9to5('Europe/Berlin', { country: 'DE', region: 'BY' }), start, 2 * HOUR), 'Europe/Berlin')).toBe('2026-01-07T10:00');
    expect(wallClock(addBusinessTime(weekdays9to5('Europe/Berlin', { country: 'DE', region: 'BE' }), start, 2 * HOUR), 'Europe/Berlin')).toBe('2026-01-06T10:00');
  });

  it('counts real elapsed time when a shift spans the DST change', () => {
    const overnight: BusinessCalendar = { timeZone: NY, workingHours: { sun: [{ start: '00:00', end: '06:00' }] }, holidays: {} };
    // 02:00 does not exist on 8 March 2026: the clock jumps to 03:00, so two hours after midnight is 03:00.
    expect(wallClock(addBusinessTime(overnight, local('2026-03-08T00:00', NY), 2 * HOUR), NY)).toBe('2026-03-08T03:00');
  });

  it('rejects a negative duration', () => {
    expect(() => addBusinessTime(newYork, local('2026-01-13T10:00', NY), -1)).toThrow(RangeError);
  });
});
