import { addBusinessTime, businessTimeBetween, isBusinessTime } from '../../../src/domain/calendar';
import { effectiveReps, hubspotAvailability, parseWorkingHours } from '../../../src/domain/availability';
import { checkAvailability } from '../../../src/domain/routing';
import { HOUR, local, weekdays9to5 } from '../calendar/calendars';

const NINE_TO_FIVE_WEEKDAYS = JSON.stringify([{ days: 'MONDAY_TO_FRIDAY', startMinute: 540, endMinute: 1020 }]);
const READ_AT = Date.parse('2026-03-02T06:00:00Z');

describe('parseWorkingHours (hs_working_hours)', () => {
  it('spreads day groups over their weekdays in HH:MM', () => {
    const problems: string[] = [];
    const text = JSON.stringify([
      { days: 'MONDAY_TO_FRIDAY', startMinute: 540, endMinute: 1020 },
      { days: 'SATURDAY', startMinute: 600, endMinute: 840 },
    ]);
    expect(parseWorkingHours(text, problems)).toEqual({
      mon: [{ start: '09:00', end: '17:00' }],
      tue: [{ start: '09:00', end: '17:00' }],
      wed: [{ start: '09:00', end: '17:00' }],
      thu: [{ start: '09:00', end: '17:00' }],
      fri: [{ start: '09:00', end: '17:00' }],
      sat: [{ start: '10:00', end: '14:00' }],
    });
    expect(problems).toEqual([]);
  });

  it('reads EVERY_DAY and SATURDAY_SUNDAY, a day ending at 1440 as 24:00, and merges ranges that meet', () => {
    const problems: string[] = [];
    const text = JSON.stringify([
      { days: 'EVERY_DAY', startMinute: 0, endMinute: 360 },
      { days: 'SATURDAY_SUNDAY', startMinute: 360, endMinute: 1440 },
    ]);
    const hours = parseWorkingHours(text, problems);
    expect(hours.sun).toEqual([{ start: '00:00', end: '24:00' }]);
    expect(hours.mon).toEqual([{ start: '00:00', end: '06:00' }]);
    expect(problems).toEqual([]);
  });

  it('leaves out entries that do not fit and says which', () => {
    const problems: string[] = [];
    const text = JSON.stringify([
      { days: 'MONDAY', startMinute: 540, endMinute: 1020 },
      { days: 'FUNDAY', startMinute: 540, endMinute: 1020 },
      { days: 'TUESDAY', startMinute: 1020, endMinute: 540 },
      { days: 'WEDNESDAY', startMinute: 540, endMinute: 1500 },
    ]);
    expect(parseWorkingHours(text, problems)).toEqual({ mon: [{ start: '09:00', end: '17:00' }] });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/entry 2/);
  });

  it('says so when the text is not a JSON array', () => {
    const problems: string[] = [];
    expect(parseWorkingHours('9-5', problems)).toEqual({});
    expect(parseWorkingHours('{"days":"MONDAY"}', problems)).toEqual({});
    expect(problems).toEqual(['hs_working_hours is not JSON', 'hs_working_hours is not a JSON array']);
  });
});

describe('hubspotAvailability', () => {
  it('builds the calendar in the user\u2019s own time zone, without public holidays', () => {
    const user = hubspotAvailability({ workingHours: NINE_TO_FIVE_WEEKDAYS, timeZone: 'Asia/Tokyo', availabilityStatus: 'available' }, READ_AT, 'America/New_York');
    expect(user.calendar).toEqual({ ...weekdays9to5('Asia/Tokyo'), holidays: {} });
    expect(user.away).toBe(false);
    expect(user.problems).toEqual([]);
  });

  it('has no calendar when HubSpot has no working hours (the default calendar then counts)', () => {
    expect(hubspotAvailability({ workingHours: '[]', timeZone: 'Europe/Berlin' }, READ_AT, 'UTC')).toEqual({ calendar: undefined, outOfOffice: [], away: false, problems: [] });
    expect(hubspotAvailability({}, READ_AT, 'UTC').calendar).toBeUndefined();
  });

  it('falls back to the portal\u2019s zone for a zone it does not know, and says so', () => {
    const user = hubspotAvailability({ workingHours: NINE_TO_FIVE_WEEKDAYS, timeZone: 'Mars/Olympus' }, READ_AT, 'Europe/Paris');
    expect(user.calendar?.timeZone).toBe('Europe/Paris');
    expect(user.problems).toEqual(['hs_standard_time_zone "Mars/Olympus" is not a time zone this service knows; used Europe/Paris']);
  });

  it('reads hs_out_of_office_hours as instants in epoch milliseconds', () => {
    const from = Date.parse('2026-03-10T08:00:00Z');
    const to = Date.parse('2026-03-12T08:00:00Z');
    const user = hubspotAvailability({ outOfOfficeHours: JSON.stringify([{ startTimestamp: from, endTimestamp: to }, { startTimestamp: 'soon' }]) }, READ_AT, 'UTC');
    expect(user.outOfOffice).toEqual([{ from: '2026-03-10T08:00:00.000Z', to: '2026-03-12T08:00:00.000Z' }]);
    expect(user.problems).toHaveLength(1);
  });

  it('takes away as read, but not the away HubSpot sets for an out-of-office period (it ends with the period)', () => {
    const period = JSON.stringify([{ startTimestamp: READ_AT - HOUR, endTimestamp: READ_AT + HOUR }]);
    expect(hubspotAvailability({ availabilityStatus: 'away' }, READ_AT, 'UTC').away).toBe(true);
    expect(hubspotAvailability({ availabilityStatus: 'away', outOfOfficeHours: period }, READ_AT, 'UTC').away).toBe(false);
    expect(hubspotAvailability({ availabilityStatus: 'lunch' }, READ_AT, 'UTC').problems).toEqual(['hs_availability_status "lunch" is neither available nor away']);
  });
});

describe('HubSpot working hours across DST', () => {
  const berlin = hubspotAvailability({ workingHours: NINE_TO_FIVE_WEEKDAYS, timeZone: 'Europe/Berlin' }, READ_AT, 'UTC').calendar!;
  const newYork = hubspotAvailability({ workingHours: NINE_TO_FIVE_WEEKDAYS, timeZone: 'America/New_York' }, READ_AT, 'UTC').calendar!;

  it('keeps 9:00 local on both sides of Europe\u2019s spring change (29 March 2026)', () => {
    expect(isBusinessTime(berlin, Date.parse('2026-03-27T08:00:00Z'))).toBe(true); // 09:00 CET
    expect(isBusinessTime(berlin, Date.parse('2026-03-30T07:00:00Z'))).toBe(true); // 09:00 CEST
    expect(isBusinessTime(berlin, Date.parse('2026-03-30T06:59:00Z'))).toBe(false);
  });

  it('counts an 8-hour day across the US change (8 March 2026) from Friday 16:00 to Monday 16:00 local', () => {
    const friday = local('2026-03-06T16:00', 'America/New_York');
    expect(addBusinessTime(newYork, friday, 2 * HOUR)).toBe(local('2026-03-09T10:00', 'America/New_York'));
    expect(businessTimeBetween(newYork, friday, local('2026-03-09T16:00', 'America/New_York'))).toBe(8 * HOUR);
  });
});

describe('effectiveReps and the source in the availability detail', () => {
  const defaultCalendar = weekdays9to5('America/New_York');
  const tokyo = hubspotAvailability({ workingHours: NINE_TO_FIVE_WEEKDAYS, timeZone: 'Asia/Tokyo' }, READ_AT, 'UTC');
  const override = { calendar: weekdays9to5('Europe/London'), outOfOffice: [], away: false };

  it('an override wins over HubSpot; HubSpot over the default calendar; a member with neither gets the default calendar', () => {
    const reps = effectiveReps({ overrides: { '1': override }, hubspot: new Map([['1', tokyo], ['2', tokyo]]), ownerIds: ['1', '2', '3'], defaultCalendar });
    expect(reps['1']).toMatchObject({ calendar: override.calendar, source: 'override', calendarSource: 'override' });
    expect(reps['2']).toMatchObject({ calendar: tokyo.calendar, source: 'hubspot', calendarSource: 'hubspot' });
    expect(reps['3']).toMatchObject({ calendar: defaultCalendar, source: 'default_calendar', calendarSource: 'default_calendar' });
  });

  it('a HubSpot user without working hours keeps their away status on the default calendar', () => {
    const away = hubspotAvailability({ availabilityStatus: 'away' }, READ_AT, 'UTC');
    const reps = effectiveReps({ overrides: {}, hubspot: new Map([['4', away]]), ownerIds: [], defaultCalendar });
    expect(reps['4']).toMatchObject({ calendar: defaultCalendar, away: true, source: 'hubspot', calendarSource: 'default_calendar' });
    expect(checkAvailability(reps['4']!, Date.parse('2026-03-04T15:00:00Z'))).toEqual({ available: false, reason: 'away', detail: 'away in HubSpot' });
  });

  it('leaves the settings as they are where HubSpot is not read', () => {
    const reps = effectiveReps({ overrides: { '1': override }, hubspot: undefined, ownerIds: ['1'], defaultCalendar });
    expect(reps['1']).toBe(override);
    expect(checkAvailability({ ...override, away: true }, 0)).toEqual({ available: false, reason: 'away', detail: 'away' });
  });

  it('names the source: out of office until a local time (HubSpot), off hours (override), (default calendar)', () => {
    const from = Date.parse('2026-03-02T00:00:00Z');
    const to = local('2026-03-09T09:00', 'Asia/Tokyo');
    const ooo = hubspotAvailability({ workingHours: NINE_TO_FIVE_WEEKDAYS, timeZone: 'Asia/Tokyo', outOfOfficeHours: JSON.stringify([{ startTimestamp: from, endTimestamp: to }]) }, READ_AT, 'UTC');
    const reps = effectiveReps({ overrides: { '1': override }, hubspot: new Map([['2', ooo]]), ownerIds: ['1', '2', '3'], defaultCalendar });
    const wednesdayNight = Date.parse('2026-03-04T23:00:00Z'); // Thu 08:00 in Tokyo, 23:00 in London, 18:00 in New York
    expect(checkAvailability(reps['2']!, wednesdayNight)).toMatchObject({ reason: 'out_of_office', detail: 'out of office until Mon 9:00 (HubSpot)' });
    expect(checkAvailability(reps['1']!, wednesdayNight)).toMatchObject({ reason: 'off_hours', detail: 'off hours (wed 23:00 in Europe/London) (override)' });
    expect(checkAvailability(reps['3']!, wednesdayNight)).toMatchObject({ reason: 'off_hours', detail: 'off hours (wed 18:00 in America/New_York) (default calendar)' });
  });

  it('a rep in Tokyo is available while the portal\u2019s New York calendar is closed', () => {
    const reps = effectiveReps({ overrides: {}, hubspot: new Map([['2', tokyo]]), ownerIds: ['2'], defaultCalendar });
    const tokyoMorning = local('2026-03-05T10:00', 'Asia/Tokyo'); // Wed 20:00 in New York
    expect(checkAvailability(reps['2']!, tokyoMorning)).toEqual({ available: true });
    expect(isBusinessTime(defaultCalendar, tokyoMorning)).toBe(false);
  });
});
