import { routingReport, type ReportAssignment, type ReportClock, type ReportedClock, type RoutingReportInput, type SlaCounts } from '../../../src/domain/reports/routing-report';
import { poolSchema, type Pool } from '../../../src/domain/routing';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 2, 31, 12);
const SINCE = NOW - 90 * DAY;
const ASSIGNED = NOW - 10 * DAY;

const inbound: Pool = poolSchema.parse({
  id: 'inbound',
  label: 'Inbound',
  strategy: 'weighted',
  managerOwnerId: '1',
  members: [
    { ownerId: '1', weight: 3 },
    { ownerId: '2', weight: 1 },
  ],
});
const enterprise: Pool = poolSchema.parse({ id: 'enterprise', label: 'Enterprise', strategy: 'round_robin', managerOwnerId: '1', members: [{ ownerId: '2', weight: 5 }, { ownerId: '3' }] });

const clock = (state: string, extra: Partial<ReportedClock> = {}): ReportedClock => ({ assignedAt: ASSIGNED, state, ...extra });
const clockOf = (ownerId: string, poolId: string | null, reported: ReportedClock): ReportClock => ({ ownerId, poolId, clock: reported });
const assignment = (ownerId: string, poolId: string | null, decidedAt = ASSIGNED): ReportAssignment => ({ ownerId, poolId, decidedAt });

const report = (input: Partial<RoutingReportInput>) =>
  routingReport({
    clocks: [],
    assignments: [],
    pools: [inbound, enterprise],
    ownerNames: new Map([
      ['1', 'Ana Diaz'],
      ['2', 'Ben Ode'],
    ]),
    period: { days: 90, since: SINCE },
    ...input,
  });

const counts = (met: number, breached: number, open: number, reassigned: number, metRate: number | null): SlaCounts => ({ met, breached, open, reassigned, metRate });

describe('routingReport', () => {
  describe('counts each clock by its outcome', () => {
    it.each<[string, ReportedClock, SlaCounts]>([
      ['on track is open', clock('on_track'), counts(0, 0, 1, 0, null)],
      ['at risk is open', clock('at_risk'), counts(0, 0, 1, 0, null)],
      ['met', clock('met', { firstTouchAt: ASSIGNED + HOUR }), counts(1, 0, 0, 0, 1)],
      ['breached', clock('breached'), counts(0, 1, 0, 0, 0)],
      ['reassigned after a breach is breached', clock('reassigned', { breachedAt: ASSIGNED + 4 * HOUR }), counts(0, 1, 0, 0, 0)],
      ['recycled after a breach is breached', clock('recycled', { breachedAt: ASSIGNED + 4 * HOUR }), counts(0, 1, 0, 0, 0)],
      ['reassigned by hand before the deadline is neither', clock('reassigned'), counts(0, 0, 0, 1, null)],
      ['recycled by hand before the deadline is neither', clock('recycled'), counts(0, 0, 0, 1, null)],
    ])('%s', (_name, reported, expected) => {
      const result = report({ clocks: [clockOf('1', 'inbound', reported)] });
      expect(result.sla).toEqual([{ ownerId: '1', ownerName: 'Ana Diaz', poolId: 'inbound', poolLabel: 'Inbound', ...expected }]);
      expect(result.pools).toEqual([{ poolId: 'inbound', poolLabel: 'Inbound', ...expected }]);
      expect(result.totals).toEqual(expected);
    });
  });

  it('totals by rep and pool, by pool, and overall, with met rates over met and breached only', () => {
    const result = report({
      clocks: [
        clockOf('1', 'inbound', clock('met')),
        clockOf('1', 'inbound', clock('met')),
        clockOf('1', 'inbound', clock('breached')),
        clockOf('2', 'inbound', clock('at_risk')),
        clockOf('2', 'inbound', clock('reassigned')),
        clockOf('2', 'enterprise', clock('met')),
        clockOf('9', null, clock('breached')),
      ],
    });
    expect(result.sla.map(({ ownerName, poolLabel, met, breached, open, reassigned, metRate }) => [poolLabel, ownerName, met, breached, open, reassigned, metRate])).toEqual([
      ['Enterprise', 'Ben Ode', 1, 0, 0, 0, 1],
      ['Inbound', 'Ana Diaz', 2, 1, 0, 0, 0.667],
      ['Inbound', 'Ben Ode', 0, 0, 1, 1, null],
      [null, 'Owner 9', 0, 1, 0, 0, 0],
    ]);
    expect(result.pools).toEqual([
      { poolId: 'enterprise', poolLabel: 'Enterprise', ...counts(1, 0, 0, 0, 1) },
      { poolId: 'inbound', poolLabel: 'Inbound', ...counts(2, 1, 1, 1, 0.667) },
      { poolId: null, poolLabel: null, ...counts(0, 1, 0, 0, 0) },
    ]);
    expect(result.totals).toEqual(counts(3, 2, 1, 1, 0.6));
  });

  it.each<[string, Partial<RoutingReportInput>, { ownerName: string; poolLabel: string | null }]>([
    ['names from the synced owners and labels from the live pools', {}, { ownerName: 'Ana Diaz', poolLabel: 'Inbound' }],
    ['"Owner <id>" for an owner not synced', { ownerNames: new Map() }, { ownerName: 'Owner 1', poolLabel: 'Inbound' }],
    ['the pool id for a pool no longer in the settings', { pools: [] }, { ownerName: 'Ana Diaz', poolLabel: 'inbound' }],
  ])('shows %s', (_name, input, expected) => {
    expect(report({ clocks: [clockOf('1', 'inbound', clock('met'))], ...input }).sla[0]).toMatchObject(expected);
  });

  it.each<[string, number[], number | null]>([
    ['no touch yet', [], null],
    ['one touch', [1.25], 1.3],
    ['the middle of an odd count', [5, 0.5, 2], 2],
    ['the mean of the middle two of an even count', [1, 2, 3, 10], 2.5],
  ])('median hours to first touch: %s', (_name, hours, median) => {
    const clocks = hours.map((h) => clockOf('1', 'inbound', clock('met', { firstTouchAt: ASSIGNED + h * HOUR })));
    expect(report({ clocks: [...clocks, clockOf('2', 'inbound', clock('on_track'))] }).medianHoursToFirstTouch).toBe(median);
  });

  it('counts only clocks and assignments that started in the period, and reports the period', () => {
    const result = report({
      period: { days: 30, since: NOW - 30 * DAY },
      clocks: [
        clockOf('1', 'inbound', clock('met', { assignedAt: NOW - 30 * DAY, firstTouchAt: NOW - 30 * DAY + HOUR })),
        clockOf('1', 'inbound', clock('breached', { assignedAt: NOW - 30 * DAY - 1, firstTouchAt: NOW - 20 * DAY })),
      ],
      assignments: [assignment('1', 'inbound', NOW - 30 * DAY), assignment('2', 'inbound', NOW - 31 * DAY)],
    });
    expect(result.period).toEqual({ days: 30, since: '2026-03-01T12:00:00.000Z' });
    expect(result.totals).toEqual(counts(1, 0, 0, 0, 1));
    expect(result.medianHoursToFirstTouch).toBe(1);
    expect(result.distribution.filter((row) => row.poolId === 'inbound').map((row) => [row.ownerId, row.assigned])).toEqual([
      ['1', 1],
      ['2', 0],
    ]);
  });

  it('measures time to first touch in each owner\u2019s business hours too, as the SLA does', () => {
    const nineToFive = [{ start: '09:00', end: '17:00' }];
    const calendar = { timeZone: 'America/New_York', workingHours: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive }, holidays: {} };
    // Assigned Friday 16:00 in New York, touched Monday 10:00: 66 hours, of which 2 are business hours.
    const friday = Date.UTC(2026, 2, 27, 20);
    const result = report({
      clocks: [clockOf('1', 'inbound', clock('met', { assignedAt: friday, firstTouchAt: friday + 66 * HOUR }))],
      calendarOf: () => calendar,
    });
    expect(result.medianHoursToFirstTouch).toBe(66);
    expect(result.medianBusinessHoursToFirstTouch).toBe(2);
    expect(report({ clocks: [clockOf('1', 'inbound', clock('met', { assignedAt: friday, firstTouchAt: friday + HOUR }))] }).medianBusinessHoursToFirstTouch).toBeNull();
  });

  it('is empty but complete when nothing was routed in the period', () => {
    expect(report({ pools: [] })).toEqual({
      period: { days: 90, since: new Date(SINCE).toISOString() },
      sla: [],
      pools: [],
      totals: counts(0, 0, 0, 0, null),
      medianHoursToFirstTouch: null,
      medianBusinessHoursToFirstTouch: null,
      distribution: [],
    });
  });

  describe('distribution against the target shares', () => {
    it.each<[string, ReportAssignment[], [string, number, number, number][]]>([
      ['no assignments: zero actual share, targets from the weights', [], [['1', 0, 0, 0.75], ['2', 0, 0, 0.25]]],
      [
        'weighted: target share from the weights',
        [assignment('1', 'inbound'), assignment('1', 'inbound'), assignment('2', 'inbound'), assignment('2', 'inbound')],
        [['1', 2, 0.5, 0.75], ['2', 2, 0.5, 0.25]],
      ],
      [
        'an owner who left the pool shows with no target',
        [assignment('1', 'inbound'), assignment('1', 'inbound'), assignment('7', 'inbound')],
        [['1', 2, 0.667, 0.75], ['2', 0, 0, 0.25], ['7', 1, 0.333, 0]],
      ],
      ['other pools and direct assignments do not count', [assignment('1', 'inbound'), assignment('2', 'enterprise'), assignment('2', null)], [['1', 1, 1, 0.75], ['2', 0, 0, 0.25]]],
    ])('%s', (_name, assignments, expected) => {
      const rows = report({ assignments }).distribution.filter((row) => row.poolId === 'inbound');
      expect(rows.map(({ ownerId, assigned, actualShare, targetShare }) => [ownerId, assigned, actualShare, targetShare])).toEqual(expected);
      expect(rows.every((row) => row.poolLabel === 'Inbound')).toBe(true);
    });

    it('gives every member of a round-robin pool an equal target whatever its weight, with names', () => {
      expect(report({ assignments: [assignment('2', 'enterprise')] }).distribution.filter((row) => row.poolId === 'enterprise')).toEqual([
        { poolId: 'enterprise', poolLabel: 'Enterprise', ownerId: '2', ownerName: 'Ben Ode', assigned: 1, actualShare: 1, targetShare: 0.5 },
        { poolId: 'enterprise', poolLabel: 'Enterprise', ownerId: '3', ownerName: 'Owner 3', assigned: 0, actualShare: 0, targetShare: 0.5 },
      ]);
    });
  });
});
