import { routingSettingsSchema, type RoutingLead } from '../../src/domain/routing';
import { assignLead } from '../../src/pipeline/assign-lead';
import type { Db } from '../../src/store/db';
import { openSibling, testDatabases } from '../support/databases';

const REPS = ['101', '102', '103', '104'];
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const settings = routingSettingsSchema.parse({
  useCompanyOwner: false,
  rules: [],
  defaultPool: 'inbound',
  pools: [{ id: 'inbound', label: 'Inbound', strategy: 'round_robin', managerOwnerId: '900', members: REPS.map((ownerId) => ({ ownerId, weight: 1, caps: {} })) }],
  reps: Object.fromEntries(
    REPS.map((id) => [
      id,
      {
        calendar: { timeZone: 'UTC', workingHours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, holidays: {} },
        outOfOffice: [],
        away: false,
      },
    ]),
  ),
});
const lead = (contactId: number): RoutingLead => ({
  contactId: String(contactId),
  properties: {},
  score: { total: 95, fit: 30, engagement: 65 },
  grade: 'A',
  status: 'sql',
});

/** Assigns `count` leads with `workers` concurrent workers per database handle; returns assignments per rep. */
async function assignAll(handles: Db[], portalId: number, count: number, workers: number): Promise<Record<string, number>> {
  let next = 0;
  const worker = async (db: Db) => {
    while (next < count) {
      const contactId = ++next;
      await db.transaction((tx) => assignLead(tx, portalId, settings, lead(contactId), new Date(Date.UTC(2026, 2, 4, 10))));
    }
  };
  await Promise.all(handles.flatMap((db) => Array.from({ length: workers }, () => worker(db))));
  const rows = await handles[0]!.query<{ owner_id: string; n: number }>(
    `SELECT owner_id, count(*)::int AS n FROM assignments WHERE portal_id = $1 AND kind = 'assigned' GROUP BY owner_id ORDER BY owner_id`,
    [portalId],
  );
  return Object.fromEntries(rows.map((row) => [row.owner_id, row.n]));
}

describe.each(testDatabases)('assigning leads concurrently on $name', (database) => {
  let db: Db;
  beforeAll(async () => (db = await database.open()));
  afterAll(() => db.close());

  it('two processes with four workers each give the same counts as one worker: no turn is handed out twice', async () => {
    const single = await assignAll([db], 1, 1_000, 1);
    expect(single).toEqual({ '101': 250, '102': 250, '103': 250, '104': 250 });

    const other = database.name === 'postgres' ? await openSibling(db) : db;
    try {
      const concurrent = await assignAll(other === db ? [db] : [db, other], 2, 1_000, 4);
      expect(concurrent).toEqual(single);
    } finally {
      if (other !== db) await other.close();
    }
    const [row] = await db.query<{ n: number }>('SELECT count(DISTINCT contact_id)::int AS n FROM assignments WHERE portal_id = 2');
    expect(row?.n).toBe(1_000);
  });

  it('holds a lead, with the reason, when every rep is away', async () => {
    const away = routingSettingsSchema.parse({ ...settings, reps: Object.fromEntries(REPS.map((id) => [id, { ...settings.reps[id]!, away: true }])) });
    const { decision } = await db.transaction((tx) => assignLead(tx, 3, away, lead(1), new Date()));
    expect(decision).toMatchObject({ kind: 'held', poolId: 'inbound', alertOwnerId: '900' });
    const [row] = await db.query<{ kind: string; reason: string }>('SELECT kind, reason FROM assignments WHERE portal_id = 3');
    expect(row?.kind).toBe('held');
    expect(row?.reason).toMatch(/away/);
  });

  /** One rep in Tokyo with caps; each assigned lead is stored as a sales-ready contact, as the pipeline does. */
  const capped = (caps: { perDay?: number; open?: number }) =>
    routingSettingsSchema.parse({
      ...settings,
      pools: [{ ...settings.pools[0]!, members: [{ ownerId: '101', weight: 1, caps }] }],
      reps: { '101': { ...settings.reps['101']!, calendar: { ...settings.reps['101']!.calendar, timeZone: 'Asia/Tokyo' } } },
    });
  const assignSalesReady = async (portalId: number, routing: ReturnType<typeof capped>, contactId: number, at: string) =>
    db.transaction(async (tx) => {
      await tx.query(`INSERT INTO contacts (portal_id, contact_id, status) VALUES ($1, $2, 'sql')`, [portalId, contactId]);
      return (await assignLead(tx, portalId, routing, lead(contactId), new Date(at))).decision;
    });

  it("counts the daily cap in the rep's own day: a new Tokyo day opens before the UTC day ends", async () => {
    const routing = capped({ perDay: 2 });
    // 19:00, 19:10 and 19:20 in Tokyo on 4 March.
    const kinds = [];
    for (const [i, at] of ['2026-03-04T10:00:00Z', '2026-03-04T10:10:00Z', '2026-03-04T10:20:00Z'].entries()) kinds.push((await assignSalesReady(4, routing, i + 1, at)).kind);
    expect(kinds).toEqual(['assigned', 'assigned', 'held']);
    // 00:30 on 5 March in Tokyo, still 4 March in UTC.
    expect(await assignSalesReady(4, routing, 4, '2026-03-04T15:30:00Z')).toMatchObject({ kind: 'assigned', ownerId: '101' });
  });

  it('counts open leads from the leads the rep still holds: a recycled lead frees a place under the open cap', async () => {
    const routing = capped({ open: 2 });
    const at = '2026-03-04T01:00:00Z';
    expect((await assignSalesReady(5, routing, 1, at)).kind).toBe('assigned');
    expect((await assignSalesReady(5, routing, 2, at)).kind).toBe('assigned');
    expect(await assignSalesReady(5, routing, 3, at)).toMatchObject({ kind: 'held', reason: expect.stringMatching(/open/) });
    await db.query(`UPDATE contacts SET status = 'recycled' WHERE portal_id = 5 AND contact_id = 1`);
    expect(await assignSalesReady(5, routing, 4, at)).toMatchObject({ kind: 'assigned', ownerId: '101' });
  });
});
