import { checkAvailability, isAvailable, type RepAvailability } from '../../../src/domain/routing';
import { weekdaysNineToFive } from './routing-fixtures';

const berlin = weekdaysNineToFive('Europe/Berlin');
const losAngeles = weekdaysNineToFive('America/Los_Angeles');
const at = (iso: string): number => Date.parse(iso);

describe('checkAvailability', () => {
  it.each<{ name: string; rep: RepAvailability; now: string; expected: string }>([
    { name: 'inside working hours', rep: berlin, now: '2025-03-05T09:00:00Z', expected: 'available' },
    { name: 'before the day starts, local time', rep: berlin, now: '2025-03-05T07:59:00Z', expected: 'off_hours' },
    { name: 'the start minute counts, the end minute does not', rep: berlin, now: '2025-03-05T08:00:00Z', expected: 'available' },
    { name: 'at the end of the day', rep: berlin, now: '2025-03-05T16:00:00Z', expected: 'off_hours' },
    { name: 'a weekend', rep: berlin, now: '2025-03-08T10:00:00Z', expected: 'off_hours' },
    { name: 'after the spring DST change, 09:30 CEST is 07:30 UTC', rep: berlin, now: '2025-03-31T07:30:00Z', expected: 'available' },
    { name: 'before the spring DST change, 07:30 UTC is 08:30 CET', rep: berlin, now: '2025-03-28T07:30:00Z', expected: 'off_hours' },
    { name: 'Friday afternoon in LA is Saturday in UTC', rep: losAngeles, now: '2025-03-08T00:30:00Z', expected: 'available' },
    { name: 'away wins over everything', rep: { ...berlin, away: true }, now: '2025-03-05T09:00:00Z', expected: 'away' },
    { name: 'a day off in the rep’s own calendar', rep: weekdaysNineToFive('America/Los_Angeles', { extra: ['2025-03-07'] }), now: '2025-03-08T00:30:00Z', expected: 'holiday' },
    { name: 'the UTC date is not the rep’s date', rep: weekdaysNineToFive('America/Los_Angeles', { extra: ['2025-03-08'] }), now: '2025-03-08T00:30:00Z', expected: 'available' },
    { name: 'out of office by local dates, inclusive', rep: { ...berlin, outOfOffice: [{ from: '2025-03-03', to: '2025-03-05' }] }, now: '2025-03-05T15:59:00Z', expected: 'out_of_office' },
    { name: 'back the day after', rep: { ...berlin, outOfOffice: [{ from: '2025-03-03', to: '2025-03-04' }] }, now: '2025-03-05T09:00:00Z', expected: 'available' },
    { name: 'out of office until an instant', rep: { ...berlin, outOfOffice: [{ from: '2025-03-05T08:00:00+01:00', to: '2025-03-05T13:00:00+01:00' }] }, now: '2025-03-05T11:59:00Z', expected: 'out_of_office' },
    { name: 'the end instant is free again', rep: { ...berlin, outOfOffice: [{ from: '2025-03-05T08:00:00+01:00', to: '2025-03-05T13:00:00+01:00' }] }, now: '2025-03-05T12:00:00Z', expected: 'available' },
  ])('$name → $expected', ({ rep, now, expected }) => {
    const result = checkAvailability(rep, at(now));
    expect(result.available ? 'available' : result.reason).toBe(expected);
    expect(isAvailable(rep, at(now))).toBe(expected === 'available');
  });

  it('says the local time when off hours', () => {
    expect(checkAvailability(berlin, at('2025-03-05T18:15:00Z'))).toEqual({ available: false, reason: 'off_hours', detail: 'off hours (wed 19:15 in Europe/Berlin)' });
  });

  it('reads midnight as 00:00, not 24:00', () => {
    const nightShift: RepAvailability = { ...berlin, calendar: { timeZone: 'UTC', workingHours: { wed: [{ start: '00:00', end: '01:00' }] }, holidays: {} } };
    expect(isAvailable(nightShift, at('2025-03-05T00:00:00Z'))).toBe(true);
  });
});

describe('checkAvailability: holidays of the rep’s calendar', () => {
  // Thursday 27 November 2025 is Thanksgiving in the US; 10:00 in New York is 15:00 UTC.
  const thanksgivingMorning = '2025-11-27T15:00:00Z';
  it.each<{ name: string; rep: RepAvailability; now: string; expected: ReturnType<typeof checkAvailability> }>([
    {
      name: 'a public holiday of their country',
      rep: weekdaysNineToFive('America/New_York', { country: 'US' }),
      now: thanksgivingMorning,
      expected: { available: false, reason: 'holiday', detail: 'holiday on 2025-11-27 (Thanksgiving Day)' },
    },
    { name: 'the same day in a country without it', rep: weekdaysNineToFive('America/New_York', { country: 'DE' }), now: thanksgivingMorning, expected: { available: true } },
    { name: 'a public holiday they work anyway', rep: weekdaysNineToFive('America/New_York', { country: 'US', ignore: ['2025-11-27'] }), now: thanksgivingMorning, expected: { available: true } },
    {
      name: 'an extra day off',
      rep: weekdaysNineToFive('America/New_York', { country: 'US', extra: ['2025-11-28'] }),
      now: '2025-11-28T15:00:00Z',
      expected: { available: false, reason: 'holiday', detail: 'holiday on 2025-11-28 (extra day off)' },
    },
    {
      name: 'a public holiday of their region',
      rep: weekdaysNineToFive('Europe/Berlin', { country: 'DE', region: 'BY' }),
      now: '2025-01-06T09:00:00Z',
      expected: { available: false, reason: 'holiday', detail: 'holiday on 2025-01-06 (Epiphany)' },
    },
    { name: 'the same day in a region without it', rep: weekdaysNineToFive('Europe/Berlin', { country: 'DE', region: 'BE' }), now: '2025-01-06T09:00:00Z', expected: { available: true } },
    {
      name: 'the holiday’s local date, not the UTC one',
      rep: weekdaysNineToFive('Asia/Tokyo', { country: 'US' }),
      now: '2025-11-27T01:00:00Z',
      expected: { available: false, reason: 'holiday', detail: 'holiday on 2025-11-27 (Thanksgiving Day)' },
    },
  ])('$name', ({ rep, now, expected }) => {
    expect(checkAvailability(rep, at(now))).toEqual(expected);
  });
});

describe('checkAvailability: each rep in their own zone across the US DST change (9 March 2025)', () => {
  const newYork = weekdaysNineToFive('America/New_York');
  const tokyo = weekdaysNineToFive('Asia/Tokyo');
  it.each<{ name: string; rep: RepAvailability; now: string; expected: ReturnType<typeof checkAvailability> }>([
    { name: 'New York, Friday before: 14:00 UTC is 09:00 EST', rep: newYork, now: '2025-03-07T14:00:00Z', expected: { available: true } },
    { name: 'New York, Friday before: 21:30 UTC is 16:30 EST', rep: newYork, now: '2025-03-07T21:30:00Z', expected: { available: true } },
    { name: 'New York, Monday after: 13:00 UTC is 09:00 EDT', rep: newYork, now: '2025-03-10T13:00:00Z', expected: { available: true } },
    {
      name: 'New York, Monday after: 21:30 UTC is 17:30 EDT',
      rep: newYork,
      now: '2025-03-10T21:30:00Z',
      expected: { available: false, reason: 'off_hours', detail: 'off hours (mon 17:30 in America/New_York)' },
    },
    { name: 'Tokyo, Friday before: 00:00 UTC is 09:00 JST', rep: tokyo, now: '2025-03-07T00:00:00Z', expected: { available: true } },
    { name: 'Tokyo, Monday after: 00:00 UTC is still 09:00 JST', rep: tokyo, now: '2025-03-10T00:00:00Z', expected: { available: true } },
    {
      name: 'Tokyo, Monday after: 13:00 UTC is 22:00 JST',
      rep: tokyo,
      now: '2025-03-10T13:00:00Z',
      expected: { available: false, reason: 'off_hours', detail: 'off hours (mon 22:00 in Asia/Tokyo)' },
    },
    {
      name: 'Tokyo, the weekend of the change: 15:30 UTC Saturday is 00:30 JST Sunday',
      rep: tokyo,
      now: '2025-03-08T15:30:00Z',
      expected: { available: false, reason: 'off_hours', detail: 'off hours (sun 00:30 in Asia/Tokyo)' },
    },
  ])('$name', ({ rep, now, expected }) => {
    expect(checkAvailability(rep, at(now))).toEqual(expected);
  });
});
