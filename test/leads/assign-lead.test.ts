import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { routingSettingsSchema } from '../../src/domain/routing';
import { assignLead } from '../../src/leads/assign-lead';
import type { Db } from '../../src/store/db';
import { assignRange, REPS, ROUND_ROBIN as settings, salesReadyLead as lead } from '../support/assign-leads-process';
import { databaseUrl, testDatabases } from '../support/databases';

const ROOT = join(__dirname, '..', '..');

/** Another instance of the service: a separate Node process assigning contacts `from`..`to` with `workers` workers. */
function assignInAnotherProcess(schema: string, portalId: number, from: number, to: number, workers: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'support', 'assign-leads-process.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, ASSIGN_SCHEMA: schema, ASSIGN_PORTAL: String(portalId), ASSIGN_FROM: String(from), ASSIGN_TO: String(to), ASSIGN_WORKERS: String(workers) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`the other process exited with ${code}: ${stderr}`))));
  });
}

async function countsPerRep(db: Db, portalId: number): Promise<Record<string, number>> {
  const rows = await db.query<{ owner_id: string; n: number }>(
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
    await assignRange(db, 1, 1, 1_000, 1);
    const single = await countsPerRep(db, 1);
    expect(single).toEqual({ '101': 250, '102': 250, '103': 250, '104': 250 });

    if (database.name === 'postgres') {
      // Half the leads from this process, half from another Node process on the same database, interleaved in time.
      const schema = (await db.query<{ s: string }>('SELECT current_schema() AS s'))[0]!.s;
      await Promise.all([assignRange(db, 2, 1, 500, 4), assignInAnotherProcess(schema, 2, 501, 1_000, 4)]);
      // The two processes really competed: their assignments interleave.
      const order = await db.query<{ contact_id: number }>('SELECT contact_id FROM assignments WHERE portal_id = 2 ORDER BY id');
      const switches = order.filter((row, i) => i > 0 && row.contact_id > 500 !== order[i - 1]!.contact_id > 500).length;
      expect(switches).toBeGreaterThan(1);
    } else {
      // PGlite is one process's embedded database: eight workers in this process.
      await assignRange(db, 2, 1, 1_000, 8);
    }
    expect(await countsPerRep(db, 2)).toEqual(single);
    const [row] = await db.query<{ n: number }>('SELECT count(DISTINCT contact_id)::int AS n FROM assignments WHERE portal_id = 2');
    expect(row?.n).toBe(1_000);
    // Every turn was handed out once: the pool's sequence counted each assignment.
    const [pool] = await db.query<{ state: { sequence: number } }>(`SELECT state FROM pool_states WHERE portal_id = 2 AND pool_id = 'inbound'`);
    expect(pool?.state.sequence).toBe(1_000);
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

  it('counts open leads from the leads the rep still holds: a recycled, converted or closed lead frees a place under the open cap', async () => {
    const routing = capped({ open: 2 });
    const at = '2026-03-04T01:00:00Z';
    expect((await assignSalesReady(5, routing, 1, at)).kind).toBe('assigned');
    expect((await assignSalesReady(5, routing, 2, at)).kind).toBe('assigned');
    expect(await assignSalesReady(5, routing, 3, at)).toMatchObject({ kind: 'held', reason: expect.stringMatching(/open/) });
    await db.query(`UPDATE contacts SET status = 'recycled' WHERE portal_id = 5 AND contact_id = 1`);
    expect(await assignSalesReady(5, routing, 4, at)).toMatchObject({ kind: 'assigned', ownerId: '101' });
    expect((await assignSalesReady(5, routing, 5, at)).kind).toBe('held');
    // A lead the rep turned into a deal, or closed in HubSpot's lead status, no longer counts either.
    await db.query(`UPDATE contacts SET facts = '{"lifecyclestage": "opportunity"}' WHERE portal_id = 5 AND contact_id = 2`);
    expect(await assignSalesReady(5, routing, 6, at)).toMatchObject({ kind: 'assigned', ownerId: '101' });
    await db.query(`UPDATE contacts SET facts = '{"hs_lead_status": "UNQUALIFIED"}' WHERE portal_id = 5 AND contact_id = 4`);
    expect(await assignSalesReady(5, routing, 7, at)).toMatchObject({ kind: 'assigned', ownerId: '101' });
    expect((await assignSalesReady(5, routing, 8, at)).kind).toBe('held');
  });
});
