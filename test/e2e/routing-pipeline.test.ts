import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema } from '../../src/domain/portal-settings';
import { DEFAULT_SCORING_MODEL } from '../../src/domain/scoring';
import { applyScenario, generateScenario, type AppliedScenario } from '../../src/sandbox';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';

const PORTAL = 12_001;
const ALL_DAY = [{ start: '00:00', end: '24:00' }];

describe.each(testDatabases)('sales-ready leads are routed and their owner written to HubSpot, on $name', (database) => {
  const scenario = generateScenario({ seed: 11, contacts: 60, days: 20 });
  let harness: PipelineHarness;
  let applied: AppliedScenario;

  beforeAll(async () => {
    harness = await startPipelineHarness(database, {
      sandbox: { portals: [{ portalId: PORTAL }] },
      arrange: (sandbox) => (applied = applyScenario(sandbox.state, scenario, { portalId: PORTAL, appId: sandbox.app.appId })),
    });
    const reps = [...applied.ids.owners.values()].slice(0, 3);
    await harness.publish(
      PORTAL,
      portalSettingsSchema.parse({
        ...DEFAULT_PORTAL_SETTINGS,
        scoring: {
          ...DEFAULT_SCORING_MODEL,
          groups: [],
          engagementCap: undefined,
          engagementRules: [
            { id: 'page_view', label: 'Page view', activity: 'page_view', points: 1 },
            { id: 'email_open', label: 'Email open', activity: 'email_open', points: 2 },
            { id: 'meeting_booked', label: 'Meeting', activity: 'meeting_booked', points: 10 },
          ],
          fitRules: [{ id: 'industry', label: 'Industry', property: 'industry', op: 'exists', points: 20 }],
          fitGrades: { A: 20, B: 10, C: 5 },
          thresholds: { mql: 25, sql: 40, minGradeForSql: 'B' },
        },
        routing: {
          useCompanyOwner: false,
          rules: [],
          defaultPool: 'inbound',
          pools: [{ id: 'inbound', label: 'Inbound', strategy: 'round_robin', managerOwnerId: reps[0], members: reps.map((ownerId) => ({ ownerId, weight: 1, caps: {} })) }],
          reps: Object.fromEntries(
            reps.map((id) => [id, { calendar: { timeZone: 'UTC', workingHours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, holidays: {} } }]),
          ),
        },
      }),
    );
    await harness.deliver(applied.events);
  });
  afterAll(() => harness.stop());

  it('gives every SQL an owner from the pool, fairly, with the pool and reason, and leaves the others alone', async () => {
    const rows = scenario.contacts.map((contact) => {
      const id = applied.ids.contacts.get(contact.key)!;
      return harness.sandbox.state.properties(PORTAL, 'contacts', id)!;
    });
    const sql = rows.filter((p) => p.lm_status === 'sql');
    expect(sql.length).toBeGreaterThan(3);
    const reps = [...applied.ids.owners.values()].slice(0, 3);
    const counts = reps.map((rep) => sql.filter((p) => p.hubspot_owner_id === rep).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(sql.length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    for (const p of sql) expect(p).toMatchObject({ lm_routing_pool: 'inbound', lm_routing_reason: expect.stringMatching(/\S/) });
    for (const p of rows.filter((r) => r.lm_status !== 'sql')) expect(p.lm_routing_pool ?? '').toBe('');
    const [row] = await harness.service.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM assignments WHERE portal_id = $1 AND kind = 'assigned'`, [PORTAL]);
    expect(row?.n).toBe(sql.length);
  });
});
