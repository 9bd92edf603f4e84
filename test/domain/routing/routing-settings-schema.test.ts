import { routingSettingsSchema, type RoutingSettingsInput } from '../../../src/domain/routing';
import { weekdaysNineToFive } from './routing-fixtures';

const valid: RoutingSettingsInput = {
  rules: [{ id: 'dach', label: 'DACH', when: [{ subject: 'property', property: 'country', test: { op: 'eq', value: 'Germany' } }], poolId: 'emea' }],
  defaultPool: 'emea',
  pools: [{ id: 'emea', label: 'EMEA', strategy: 'weighted', managerOwnerId: '900', members: [{ ownerId: '301', weight: 2 }] }],
  reps: { '301': { calendar: { timeZone: 'Europe/Berlin', workingHours: { mon: [{ start: '09:00', end: '17:00' }] }, holidays: {} } } },
};

const issues = (input: unknown): Array<{ path: string; message: string }> => {
  const result = routingSettingsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

describe('routingSettingsSchema', () => {
  it('fills in defaults: company owner first, weight 1, no caps, not away, never out of office', () => {
    const parsed = routingSettingsSchema.parse({ ...valid, pools: [{ ...valid.pools[0]!, members: [{ ownerId: '301' }] }] });
    expect(parsed.useCompanyOwner).toBe(true);
    expect(parsed.pools[0]?.members[0]).toEqual({ ownerId: '301', weight: 1, caps: {} });
    expect(parsed.reps['301']).toMatchObject({ outOfOffice: [], away: false });
  });

  it('accepts a pool member without an override: HubSpot or the default calendar gives their availability', () => {
    expect(routingSettingsSchema.safeParse({ ...valid, pools: [{ ...valid.pools[0]!, members: [{ ownerId: '302' }] }] }).success).toBe(true);
  });

  it('accepts a full calendar', () => {
    const rep = { ...weekdaysNineToFive('America/New_York', { country: 'US', region: 'NY', extra: ['2025-07-03'], ignore: ['2025-11-11'] }), outOfOffice: [{ from: '2025-08-01', to: '2025-08-10' }, { from: '2025-09-01T12:00:00-04:00', to: '2025-09-01T18:00:00-04:00' }] };
    expect(issues({ ...valid, reps: { '301': rep } })).toEqual([]);
  });

  const rep = valid.reps['301']!;
  const calendar = rep.calendar;
  it.each<{ name: string; input: unknown; path: string; message: string | RegExp }>([
    { name: 'a rule naming a missing pool', input: { ...valid, rules: [{ ...valid.rules[0]!, poolId: 'apac' }] }, path: 'rules.0.poolId', message: 'There is no pool "apac"' },
    { name: 'a missing default pool', input: { ...valid, defaultPool: 'nope' }, path: 'defaultPool', message: 'There is no pool "nope"' },
    { name: 'a reserved rule id', input: { ...valid, rules: [{ ...valid.rules[0]!, id: 'default' }] }, path: 'rules.0.id', message: /reserved/ },
    { name: 'the id the app records for a manual reassignment', input: { ...valid, rules: [{ ...valid.rules[0]!, id: 'manual' }] }, path: 'rules.0.id', message: /reserved/ },
    { name: 'duplicate rule ids', input: { ...valid, rules: [valid.rules[0], valid.rules[0]] }, path: 'rules.1.id', message: 'Rule "dach" is listed twice' },
    { name: 'an unknown operator', input: { ...valid, rules: [{ ...valid.rules[0]!, when: [{ subject: 'grade', test: { op: 'gt', value: 'B' } }] }] }, path: 'rules.0.when.0.test.op', message: /Choose an operator/ },
    { name: 'an empty range', input: { ...valid, rules: [{ ...valid.rules[0]!, when: [{ subject: 'score', score: 'total', test: { op: 'range' } }] }] }, path: 'rules.0.when.0.test', message: 'Give a minimum, a maximum or both' },
    { name: 'an unknown strategy', input: { ...valid, pools: [{ ...valid.pools[0]!, strategy: 'random' }] }, path: 'pools.0.strategy', message: /Choose a strategy/ },
    { name: 'a member listed twice', input: { ...valid, pools: [{ ...valid.pools[0]!, members: [{ ownerId: '301' }, { ownerId: '301' }] }] }, path: 'pools.0.members.1.ownerId', message: 'Owner "301" is listed twice' },
    { name: 'a zero weight', input: { ...valid, pools: [{ ...valid.pools[0]!, members: [{ ownerId: '301', weight: 0 }] }] }, path: 'pools.0.members.0.weight', message: 'The weight must be at least 1' },
    { name: 'an unknown time zone', input: { ...valid, reps: { '301': { ...rep, calendar: { ...calendar, timeZone: 'Mars/Olympus' } } } }, path: 'reps.301.calendar.timeZone', message: /IANA time zone/ },
    { name: 'a bad time', input: { ...valid, reps: { '301': { ...rep, calendar: { ...calendar, workingHours: { mon: [{ start: '9:00', end: '17:00' }] } } } } }, path: 'reps.301.calendar.workingHours.mon.0.start', message: /HH:MM/ },
    {
      name: 'an end before the start',
      input: { ...valid, reps: { '301': { ...rep, calendar: { ...calendar, workingHours: { tue: [{ start: '17:00', end: '09:00' }] } } } } },
      path: 'reps.301.calendar.workingHours.tue.0.end',
      message: 'The end must be after the start',
    },
    { name: 'a bad day off', input: { ...valid, reps: { '301': { ...rep, calendar: { ...calendar, holidays: { extra: ['2025-02-30'] } } } } }, path: 'reps.301.calendar.holidays.extra.0', message: /ISO date/ },
    { name: 'a country without holiday data', input: { ...valid, reps: { '301': { ...rep, calendar: { ...calendar, holidays: { country: 'XX' } } } } }, path: 'reps.301.calendar.holidays.country', message: /no holiday data/ },
    { name: 'a rep without a calendar', input: { ...valid, reps: { '301': { away: false } } }, path: 'reps.301.calendar', message: /object/ },
    { name: 'out of office backwards', input: { ...valid, reps: { '301': { ...rep, outOfOffice: [{ from: '2025-08-10', to: '2025-08-01' }] } } }, path: 'reps.301.outOfOffice.0.to', message: 'The end must not be before the start' },
  ])('rejects $name at $path', ({ input, path, message }) => {
    expect(issues(input)).toContainEqual({ path, message: expect.stringMatching(message) });
  });
});
