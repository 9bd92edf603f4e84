import { businessCalendarSchema } from '../../../src/domain/calendar';
import { weekdays9to5 } from './calendars';

const valid = weekdays9to5('America/New_York', { country: 'US', region: 'CA', extra: ['2026-12-24'], ignore: ['2026-11-11'] });

describe('businessCalendarSchema', () => {
  it('accepts a calendar with several intervals a day and regional holidays', () => {
    const calendar = { ...valid, workingHours: { ...valid.workingHours, sat: [{ start: '13:00', end: '24:00' }, { start: '08:00', end: '12:00' }] } };
    expect(businessCalendarSchema.parse(calendar)).toEqual(calendar);
  });

  it.each<[string, unknown, string]>([
    ['unknown time zone', { ...valid, timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['malformed time', { ...valid, workingHours: { mon: [{ start: '9:00', end: '17:00' }] } }, 'workingHours.mon.0.start'],
    ['end not after start', { ...valid, workingHours: { mon: [{ start: '17:00', end: '09:00' }] } }, 'workingHours.mon.0.end'],
    ['overlapping intervals', { ...valid, workingHours: { mon: [{ start: '13:00', end: '17:00' }, { start: '09:00', end: '13:30' }] } }, 'workingHours.mon.0.start'],
    ['no working hours at all', { ...valid, workingHours: { mon: [] } }, 'workingHours'],
    ['unknown country', { ...valid, holidays: { country: 'XX' } }, 'holidays.country'],
    ['unknown region', { ...valid, holidays: { country: 'US', region: 'ZZ' } }, 'holidays.region'],
    ['region without a country', { ...valid, holidays: { region: 'CA' } }, 'holidays.region'],
    ['malformed extra date', { ...valid, holidays: { extra: ['24/12/2026'] } }, 'holidays.extra.0'],
  ])('rejects %s', (_name, input, path) => {
    const result = businessCalendarSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });
});
