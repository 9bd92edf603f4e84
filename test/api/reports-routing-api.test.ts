import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema } from '../../src/domain/portal-settings';
import { syncOwners } from '../../src/store/owners';
import { onePool } from '../domain/routing/routing-fixtures';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { signedCall } from '../support/signed-fetch';

const PORTAL = 15_001;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ANA = '101';
const BEN = '102';

describe.each(testDatabases)('routing & SLA report API on $name', (database) => {
  let harness: PipelineHarness;
  const now = Date.now();
  let contactId = 0;

  /** A lead assigned `daysAgo` to `ownerId` in the Sales pool: its routing decision and its first-touch clock. */
  const routed = async (ownerId: string, daysAgo: number, state: string, extra: { firstTouchAfterHours?: number; breached?: boolean } = {}) => {
    const assignedAt = now - daysAgo * DAY;
    const clock = {
      policyId: 'inbound',
      onBreach: 'reassign',
      clearOwnerOnRecycle: false,
      assignedAt,
      dueAt: assignedAt + 4 * HOUR,
      remindAt: assignedAt + 2 * HOUR,
      state,
      ...(extra.firstTouchAfterHours === undefined ? {} : { firstTouchAt: assignedAt + extra.firstTouchAfterHours * HOUR }),
      ...(extra.breached ? { breachedAt: assignedAt + 4 * HOUR } : {}),
    };
    contactId += 1;
    await harness.service.db.query(
      `INSERT INTO assignments (portal_id, contact_id, kind, owner_id, pool_id, rule_id, reason, decided_at) VALUES ($1, $2, 'assigned', $3, 'sales', 'default', 'test', $4)`,
      [PORTAL, contactId, ownerId, new Date(assignedAt)],
    );
    await harness.service.db.query(
      `INSERT INTO sla_clocks (portal_id, contact_id, owner_id, pool_id, clock, state, due_at, updated_at) VALUES ($1, $2, $3, 'sales', $4, $5, $6, $7)`,
      [PORTAL, contactId, ownerId, JSON.stringify(clock), state, new Date(clock.dueAt), new Date(assignedAt)],
    );
  };
  const report = (query = '') =>
    signedCall(harness.service.url, 'GET', `/api/reports/routing${query}`, undefined, { portalId: PORTAL, secret: harness.sandbox.app.clientSecret });

  beforeAll(async () => {
    harness = await startPipelineHarness(database, { sandbox: { portals: [{ portalId: PORTAL }] } });
    await harness.publish(PORTAL, portalSettingsSchema.parse({ ...DEFAULT_PORTAL_SETTINGS, routing: onePool('weighted', [ANA, BEN], { [ANA]: 3, [BEN]: 1 }) }));
    const ana = { id: ANA, email: 'ana@example.com', firstName: 'Ana', lastName: 'Diaz', type: 'PERSON' as const, archived: false, teams: [] };
    await syncOwners(harness.service.db, PORTAL, [ana], [], new Date(now));

    await routed(ANA, 10, 'met', { firstTouchAfterHours: 1 });
    await routed(ANA, 20, 'reassigned', { breached: true });
    await routed(BEN, 25, 'on_track');
    await routed(BEN, 29, 'reassigned');
    await routed(ANA, 60, 'met', { firstTouchAfterHours: 3 });
    await routed(BEN, 200, 'breached');
    await routed(BEN, 400, 'met');
  });
  afterAll(() => harness.stop());

  it('names the reps and pools, with totals per pool and overall, over the last 90 days by default', async () => {
    const { status, json } = await report();
    expect(status).toBe(200);
    expect(json.period).toEqual({ days: 90, since: expect.any(String) });
    expect(Math.abs(Date.parse(json.period.since) - (now - 90 * DAY))).toBeLessThan(60_000);
    expect(json.sla).toEqual([
      { ownerId: ANA, ownerName: 'Ana Diaz', poolId: 'sales', poolLabel: 'Sales', met: 2, breached: 1, open: 0, reassigned: 0, metRate: 0.667 },
      { ownerId: BEN, ownerName: `Owner ${BEN}`, poolId: 'sales', poolLabel: 'Sales', met: 0, breached: 0, open: 1, reassigned: 1, metRate: null },
    ]);
    expect(json.pools).toEqual([{ poolId: 'sales', poolLabel: 'Sales', met: 2, breached: 1, open: 1, reassigned: 1, metRate: 0.667 }]);
    expect(json.totals).toEqual({ met: 2, breached: 1, open: 1, reassigned: 1, metRate: 0.667 });
    expect(json.medianHoursToFirstTouch).toBe(2);
    expect(json.distribution).toEqual([
      { poolId: 'sales', poolLabel: 'Sales', ownerId: ANA, ownerName: 'Ana Diaz', assigned: 3, actualShare: 0.6, targetShare: 0.75 },
      { poolId: 'sales', poolLabel: 'Sales', ownerId: BEN, ownerName: `Owner ${BEN}`, assigned: 2, actualShare: 0.4, targetShare: 0.25 },
    ]);
  });

  it.each([
    ['30', { met: 1, breached: 1, open: 1, reassigned: 1, metRate: 0.5 }, 4, 1],
    ['90', { met: 2, breached: 1, open: 1, reassigned: 1, metRate: 0.667 }, 5, 2],
    ['365', { met: 2, breached: 2, open: 1, reassigned: 1, metRate: 0.5 }, 6, 2],
  ])('counts only leads assigned in the last %s days', async (days, totals, assigned, median) => {
    const { status, json } = await report(`?days=${days}`);
    expect(status).toBe(200);
    expect(json.period.days).toBe(Number(days));
    expect(json.totals).toEqual(totals);
    expect((json.distribution as { assigned: number }[]).reduce((sum, row) => sum + row.assigned, 0)).toBe(assigned);
    expect(json.medianHoursToFirstTouch).toBe(median);
  });

  it.each(['7', '0', 'all'])('refuses a period of %s days', async (days) => {
    expect(await report(`?days=${days}`)).toEqual({ status: 400, json: { error: 'days must be 30, 90 or 365' } });
  });
});
