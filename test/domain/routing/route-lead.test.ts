import type { BusinessCalendar } from '../../../src/domain/calendar';
import { routeLead, routingSettingsSchema, type RoutingSettings, type RoutingSettingsInput } from '../../../src/domain/routing';
import { HOUR, lead, setAway, Simulation, WEDNESDAY_10_UTC, weekdaysNineToFive } from './routing-fixtures';

const utc = weekdaysNineToFive('UTC');

function settings(overrides: Partial<RoutingSettingsInput> = {}): RoutingSettings {
  return routingSettingsSchema.parse({
    useCompanyOwner: true,
    rules: [
      { id: 'enterprise', label: 'Enterprise', when: [{ subject: 'property', property: 'numemployees', test: { op: 'range', min: 1000 } }], poolId: 'enterprise' },
      {
        id: 'dach',
        label: 'DACH',
        when: [{ subject: 'property', property: 'country', test: { op: 'in', values: ['Germany', 'Austria', 'Switzerland'] } }],
        poolId: 'emea',
      },
      { id: 'hot_a', label: 'Hot A leads', when: [{ subject: 'score', score: 'total', test: { op: 'range', min: 90 } }, { subject: 'grade', test: { op: 'eq', value: 'A' } }], poolId: 'enterprise' },
    ],
    defaultPool: 'general',
    pools: [
      { id: 'enterprise', label: 'Enterprise', strategy: 'round_robin', managerOwnerId: '900', members: [{ ownerId: '201' }] },
      { id: 'emea', label: 'EMEA', strategy: 'round_robin', managerOwnerId: '901', members: [{ ownerId: '301' }, { ownerId: '302' }] },
      { id: 'general', label: 'General', strategy: 'round_robin', managerOwnerId: '902', members: [{ ownerId: '401' }] },
    ],
    reps: { '201': utc, '301': utc, '302': utc, '401': utc, '500': utc },
    ...overrides,
  });
}

describe('routeLead: rules', () => {
  it.each([
    { name: 'the first matching rule wins', properties: { numemployees: '1000+', country: 'Germany' }, score: 95, grade: 'A' as const, rule: 'enterprise', pool: 'enterprise' },
    { name: 'later rules when earlier ones miss', properties: { numemployees: '50-100', country: 'austria' }, score: 95, grade: 'A' as const, rule: 'dach', pool: 'emea' },
    { name: 'conditions on scores and grade', properties: { country: 'France' }, score: 95, grade: 'A' as const, rule: 'hot_a', pool: 'enterprise' },
    { name: 'all conditions must hold', properties: { country: 'France' }, score: 95, grade: 'B' as const, rule: 'default', pool: 'general' },
    { name: 'no rule: the default pool', properties: {}, score: 10, grade: 'D' as const, rule: 'default', pool: 'general' },
  ])('$name', ({ properties, score, grade, rule, pool }) => {
    const decision = new Simulation(settings()).route(lead({ properties, score: { total: score, fit: 0, engagement: score }, grade }));
    expect(decision).toMatchObject({ kind: 'assigned', ruleId: rule, poolId: pool });
  });

  it('reorders by list position, not by id', () => {
    const reordered = settings();
    reordered.rules.reverse();
    const decision = new Simulation(reordered).route(lead({ properties: { numemployees: '1000+', country: 'Germany' } }));
    expect(decision).toMatchObject({ ruleId: 'dach' });
  });
});

describe('routeLead: priority', () => {
  const prioritised = () => {
    const base = settings();
    return settings({ rules: base.rules.map((rule) => (rule.id === 'enterprise' ? { ...rule, priority: 'high' as const } : rule)) });
  };
  it.each([
    { name: "the matching rule's priority", properties: { numemployees: '1000+' }, companyOwner: undefined, priority: 'high' },
    { name: 'normal when the matching rule sets none', properties: { country: 'Germany' }, companyOwner: undefined, priority: 'normal' },
    { name: 'normal when no rule matches', properties: {}, companyOwner: undefined, priority: 'normal' },
    { name: "the rule's priority when the company owner takes the lead", properties: { numemployees: '1000+' }, companyOwner: '500', priority: 'high' },
  ])('$name', ({ properties, companyOwner, priority }) => {
    const decision = new Simulation(prioritised()).route(lead({ properties, score: { total: 10, fit: 0, engagement: 10 }, grade: 'D' }), companyOwner);
    expect(decision.priority).toBe(priority);
  });
});

describe('routeLead: company owner first', () => {
  it('gives the lead to an available company owner', () => {
    const decision = new Simulation(settings()).route(lead(), '500');
    expect(decision).toMatchObject({ kind: 'assigned', ownerId: '500', ruleId: 'company_owner', poolId: null, poolState: null });
  });

  it('falls through to the rules when the company owner is unavailable, and says so', () => {
    const decision = new Simulation(settings(setAway(settings(), '500', true))).route(lead(), '500');
    expect(decision).toMatchObject({ kind: 'assigned', ruleId: 'dach', poolId: 'emea' });
    expect(decision.reason).toMatch(/^Company owner 500 is unavailable — away — so the rules decide\./);
  });

  it('ignores the company owner when switched off', () => {
    expect(new Simulation(settings({ useCompanyOwner: false })).route(lead(), '500')).toMatchObject({ ruleId: 'dach' });
  });

  it('takes an owner without an availability entry as available and says so', () => {
    expect(new Simulation(settings()).route(lead(), '777')).toMatchObject({ ownerId: '777', reason: expect.stringContaining('no availability set') });
  });
});

describe('routeLead: skipping and holding', () => {
  const base = settings();
  it.each<{ name: string; edit: (s: RoutingSettingsInput) => RoutingSettingsInput; repState?: object; now?: number; detail: string }>([
    { name: 'away', edit: (s) => setAway(s, '301', true), detail: '301: away' },
    { name: 'out of office', edit: (s) => ({ ...s, reps: { ...s.reps, '301': { ...utc, outOfOffice: [{ from: '2025-03-04', to: '2025-03-06' }] } } }), detail: '301: out of office 2025-03-04 to 2025-03-06' },
    { name: 'holiday', edit: (s) => ({ ...s, reps: { ...s.reps, '301': weekdaysNineToFive('UTC', { extra: ['2025-03-05'] }) } }), detail: '301: holiday on 2025-03-05 (extra day off)' },
    { name: 'off hours', edit: (s) => ({ ...s, reps: { ...s.reps, '301': weekdaysNineToFive('Asia/Tokyo') } }), detail: '301: off hours (wed 19:00 in Asia/Tokyo)' },
    {
      name: 'daily cap',
      edit: (s) => ({ ...s, pools: s.pools.map((p) => (p.id === 'emea' ? { ...p, members: [{ ownerId: '301', caps: { perDay: 3 } }, { ownerId: '302' }] } : p)) }),
      repState: { assignedToday: 3, openLeads: 0 },
      detail: '301: daily cap of 3 reached',
    },
    {
      name: 'open cap',
      edit: (s) => ({ ...s, pools: s.pools.map((p) => (p.id === 'emea' ? { ...p, members: [{ ownerId: '301', caps: { open: 5 } }, { ownerId: '302' }] } : p)) }),
      repState: { assignedToday: 0, openLeads: 5 },
      detail: '301: open cap of 5 reached',
    },
  ])('skips a rep who is unavailable: $name', ({ edit, repState, detail }) => {
    const simulation = new Simulation(routingSettingsSchema.parse(edit(structuredClone(base))));
    if (repState) simulation.repStates = { '301': repState as never };
    const decision = simulation.route();
    expect(decision).toMatchObject({ kind: 'assigned', ownerId: '302', skipped: [{ ownerId: '301' }] });
    expect(decision.reason).toContain(`Skipped ${detail}.`);
  });

  it('holds the lead with an alert to the pool manager when nobody can take it, then assigns once someone is back', () => {
    const simulation = new Simulation(settings());
    simulation.edit((s) => setAway(setAway(s, '301', true), '302', true));
    const held = simulation.route();
    expect(held).toEqual({
      kind: 'held',
      poolId: 'emea',
      ruleId: 'dach',
      priority: 'normal',
      alertOwnerId: '901',
      reason: 'Rule "DACH" matched; nobody in pool "EMEA" can take the lead (301: away; 302: away). Held for manager 901.',
      skipped: [
        { ownerId: '301', reason: 'away', detail: 'away' },
        { ownerId: '302', reason: 'away', detail: 'away' },
      ],
    });
    expect(simulation.poolStates).toEqual({});
    simulation.edit((s) => setAway(s, '302', false));
    expect(simulation.route()).toMatchObject({ kind: 'assigned', ownerId: '302', poolId: 'emea' });
  });

  // Thanksgiving, Thursday 27 November 2025, 10:00 in New York.
  const thanksgiving = Date.UTC(2025, 10, 27, 15, 0);
  it.each<{ name: string; holidays: BusinessCalendar['holidays']; ownerId: string; skipped?: string }>([
    { name: 'skips a rep on a public holiday of their country', holidays: { country: 'US' }, ownerId: '302', skipped: '301: holiday on 2025-11-27 (Thanksgiving Day)' },
    { name: 'skips a rep on an extra day off', holidays: { extra: ['2025-11-27'] }, ownerId: '302', skipped: '301: holiday on 2025-11-27 (extra day off)' },
    { name: 'takes a rep who works a public holiday', holidays: { country: 'US', ignore: ['2025-11-27'] }, ownerId: '301' },
  ])('$name', ({ holidays, ownerId, skipped }) => {
    const newYork = weekdaysNineToFive('America/New_York');
    const reps = { '201': newYork, '301': weekdaysNineToFive('America/New_York', holidays), '302': newYork, '401': newYork, '500': newYork };
    const decision = new Simulation(settings({ reps }), thanksgiving).route();
    expect(decision).toMatchObject({ kind: 'assigned', ownerId, skipped: skipped ? [{ ownerId: '301', reason: 'holiday' }] : [] });
    if (skipped) expect(decision.reason).toContain(`Skipped ${skipped}.`);
  });

  it('holds outside everyone’s hours and assigns in the morning', () => {
    const simulation = new Simulation(settings(), WEDNESDAY_10_UTC + 12 * HOUR);
    expect(simulation.route()).toMatchObject({ kind: 'held', alertOwnerId: '901' });
    simulation.now = WEDNESDAY_10_UTC + 24 * HOUR;
    expect(simulation.route()).toMatchObject({ kind: 'assigned', ownerId: '301' });
  });

  it('leaves its inputs untouched and returns the new pool state instead', () => {
    const simulation = new Simulation(settings());
    simulation.routeMany(3);
    const input = { lead: lead(), settings: simulation.settings, poolStates: simulation.poolStates, repStates: simulation.repStates, now: WEDNESDAY_10_UTC };
    const before = structuredClone(input);
    const decision = routeLead(input);
    expect(input).toEqual(before);
    expect(decision).toMatchObject({ kind: 'assigned', poolState: { sequence: 4 } });
  });
});
