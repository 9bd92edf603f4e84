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
    { name: 'a holiday in the rep’s own calendar', rep: { ...losAngeles, holidays: ['2025-03-07'] }, now: '2025-03-08T00:30:00Z', expected: 'holiday' },
    { name: 'the UTC date is not the rep’s date', rep: { ...losAngeles, holidays: ['2025-03-08'] }, now: '2025-03-08T00:30:00Z', expected: 'available' },
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
    const nightShift: RepAvailability = { ...weekdaysNineToFive('UTC'), workingHours: { wed: [{ start: '00:00', end: '01:00' }] } };
    expect(isAvailable(nightShift, at('2025-03-05T00:00:00Z'))).toBe(true);
  });
});
