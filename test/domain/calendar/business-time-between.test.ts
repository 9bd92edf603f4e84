import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from '../../../src/domain/calendar';
import { HOUR, local, MINUTE, weekdays9to5 } from './calendars';

const NY = 'America/New_York';
const newYorkUs = weekdays9to5(NY, { country: 'US' });
const everyDay9to5: BusinessCalendar = {
  timeZone: NY,
  workingHours: Object.fromEntries((['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => [day, [{ start: '09:00', end: '17:00' }]])),
  holidays: {},
};
const sundayAllDay: BusinessCalendar = { timeZone: NY, workingHours: { sun: [{ start: '00:00', end: '24:00' }] }, holidays: {} };

describe('businessTimeBetween', () => {
  it.each<[string, BusinessCalendar, string, string, number]>([
    ['within a day', newYorkUs, '2026-01-13T10:00', '2026-01-13T12:30', 2.5 * HOUR],
    ['over a weekend', newYorkUs, '2026-01-09T16:30', '2026-01-12T12:30', 4 * HOUR],
    ['nights and weekends count nothing', newYorkUs, '2026-01-09T17:00', '2026-01-12T09:00', 0],
    ['a week with Thanksgiving has 32 hours', newYorkUs, '2026-11-23T00:00', '2026-11-28T00:00', 32 * HOUR],
    ['the spring-forward Sunday still has 8 hours from 9 to 17', everyDay9to5, '2026-03-08T00:00', '2026-03-09T00:00', 8 * HOUR],
    ['the fall-back Sunday still has 8 hours from 9 to 17', everyDay9to5, '2026-11-01T00:00', '2026-11-02T00:00', 8 * HOUR],
    ['a whole spring-forward day is 23 real hours', sundayAllDay, '2026-03-08T00:00', '2026-03-09T00:00', 23 * HOUR],
    ['a whole fall-back day is 25 real hours', sundayAllDay, '2026-11-01T00:00', '2026-11-02T00:00', 25 * HOUR],
    ['same instant', newYorkUs, '2026-01-13T10:00', '2026-01-13T10:00', 0],
    ['backwards is negative', newYorkUs, '2026-01-12T10:00', '2026-01-09T16:00', -2 * HOUR],
  ])('%s', (_name, calendar, from, to, expected) => {
    expect(businessTimeBetween(calendar, local(from, calendar.timeZone), local(to, calendar.timeZone))).toBe(expected);
  });

  it('is the inverse of addBusinessTime (seeded sample over 2026, holidays and DST included)', () => {
    const calendars = [
      newYorkUs,
      weekdays9to5('Europe/Berlin', { country: 'DE', region: 'BY' }),
      weekdays9to5('Asia/Tokyo', { country: 'JP' }),
      { ...weekdays9to5('Australia/Sydney', { country: 'AU' }), workingHours: { mon: [{ start: '08:30', end: '12:00' }, { start: '12:45', end: '17:15' }], thu: [{ start: '10:00', end: '14:00' }] } },
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const yearStart = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 200; i += 1) {
      const calendar = calendars[i % calendars.length] as BusinessCalendar;
      const start = yearStart + Math.floor(random() * 365 * 24 * 60) * MINUTE;
      const duration = Math.floor(random() * 60 * 60) * MINUTE;
      const due = addBusinessTime(calendar, start, duration);
      expect({ i, between: businessTimeBetween(calendar, start, due) }).toEqual({ i, between: duration });
    }
  });
});
