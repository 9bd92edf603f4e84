import { isBusinessTime, nextBusinessMoment, type BusinessCalendar } from '../../../src/domain/calendar';
import { local, wallClock, weekdays9to5 } from './calendars';

const NY = 'America/New_York';
const newYorkUs = weekdays9to5(NY, { country: 'US' });
const splitShift: BusinessCalendar = { timeZone: NY, workingHours: { tue: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }] }, holidays: {} };

describe('isBusinessTime and nextBusinessMoment', () => {
  it.each<[string, BusinessCalendar, string, boolean, string]>([
    ['opening time', newYorkUs, '2026-01-13T09:00', true, '2026-01-13T09:00'],
    ['mid-morning', newYorkUs, '2026-01-13T10:17', true, '2026-01-13T10:17'],
    ['one minute before closing', newYorkUs, '2026-01-13T16:59', true, '2026-01-13T16:59'],
    ['closing time', newYorkUs, '2026-01-13T17:00', false, '2026-01-14T09:00'],
    ['early morning', newYorkUs, '2026-01-13T06:00', false, '2026-01-13T09:00'],
    ['Friday evening', newYorkUs, '2026-01-09T18:00', false, '2026-01-12T09:00'],
    ['Saturday', newYorkUs, '2026-01-10T11:00', false, '2026-01-12T09:00'],
    ['Thanksgiving', newYorkUs, '2026-11-26T11:00', false, '2026-11-27T09:00'],
    ['Martin Luther King Jr. Day', newYorkUs, '2026-01-19T11:00', false, '2026-01-20T09:00'],
    ['lunch break', splitShift, '2026-01-13T12:15', false, '2026-01-13T13:00'],
    ['afternoon shift', splitShift, '2026-01-13T13:00', true, '2026-01-13T13:00'],
    ['after the last shift waits a week', splitShift, '2026-01-13T17:30', false, '2026-01-20T09:00'],
  ])('%s', (_name, calendar, at, inside, next) => {
    const instant = local(at, calendar.timeZone);
    expect(isBusinessTime(calendar, instant)).toBe(inside);
    expect(wallClock(nextBusinessMoment(calendar, instant), calendar.timeZone)).toBe(next);
  });

  it('judges the same instant by each rep’s own time zone', () => {
    const instant = Date.UTC(2026, 0, 13, 15); // 10:00 New York, 16:00 Berlin, 00:00 Tokyo
    expect(isBusinessTime(weekdays9to5('America/New_York'), instant)).toBe(true);
    expect(isBusinessTime(weekdays9to5('Europe/Berlin'), instant)).toBe(true);
    expect(isBusinessTime(weekdays9to5('Asia/Tokyo'), instant)).toBe(false);
    expect(new Date(nextBusinessMoment(weekdays9to5('Asia/Tokyo'), instant)).toISOString()).toBe('2026-01-14T00:00:00.000Z');
  });

  it('agree at any instant (seeded sample around the 2026 DST nights, hours inside the missing and repeated hour included)', () => {
    const nightShift: BusinessCalendar = { timeZone: NY, workingHours: { sun: [{ start: '01:30', end: '02:30' }, { start: '02:45', end: '03:15' }] }, holidays: {} };
    const calendars = [newYorkUs, splitShift, nightShift, { ...weekdays9to5('Europe/Berlin', { country: 'DE' }), workingHours: { sun: [{ start: '00:00', end: '24:00' }] } }];
    const dstNights = [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)];
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 400; i += 1) {
      const calendar = calendars[i % calendars.length] as BusinessCalendar;
      const at = (dstNights[i % dstNights.length] as number) + Math.floor((random() - 0.5) * 12 * 60) * 60_000;
      expect({ i, inside: isBusinessTime(calendar, at) }).toEqual({ i, inside: nextBusinessMoment(calendar, at) === at });
    }
  });
});
