import { Registry } from 'prom-client';
import { InboxWriter, type InboxRow, type InboxWrite, type InboxWriteResult } from '../../src/ingest/inbox-writer';
import type { Db } from '../../src/store/db';
import { testDatabases, truncateAll } from '../support/databases';

const PORTAL = 62_515;

function row(i: number, portalId = PORTAL): InboxRow {
  const occurredAt = 1_772_445_600_000 + i;
  const payload = { eventId: i, portalId, occurredAt, subscriptionType: 'contact.creation', objectId: 100 + i };
  return { portalId, eventKey: `contact.creation:${100 + i}:${i}:${occurredAt}`, subscriptionType: 'contact.creation', objectId: 100 + i, occurredAt, payload };
}

const rows = (count: number, from = 0) => Array.from({ length: count }, (_, i) => row(from + i));
const write = (written: InboxRow[]): InboxWrite => ({ rows: written, rejected: [] });

/** A spy on our own database: counts inbox INSERT round trips and holds the first one until `open()`. */
function gatedDb(db: Db): { db: Db; inserts: () => number; open: () => void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let inserts = 0;
  return {
    db: {
      ...db,
      query: async <Row,>(sql: string, params?: unknown[]) => {
        if (sql.includes('INSERT INTO inbox') && inserts++ === 0) await gate;
        return db.query<Row>(sql, params);
      },
    },
    inserts: () => inserts,
    open,
  };
}

async function histogram(registry: Registry, name: string): Promise<{ count: number; sum: number }> {
  const values = (await registry.getSingleMetric(name)!.get()).values as { metricName?: string; value: number }[];
  const value = (suffix: string) => values.find((v) => v.metricName === `${name}_${suffix}`)?.value ?? 0;
  return { count: value('count'), sum: value('sum') };
}

/** Lets pending I/O and promise callbacks run until `done()` holds (no clock involved). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

describe.each(testDatabases)('InboxWriter on $name', (database) => {
  let db: Db;
  let registry: Registry;

  beforeAll(async () => {
    db = await database.open();
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await truncateAll(db);
    registry = new Registry();
  });

  const inboxKeys = async () => (await db.query<{ event_key: string }>('SELECT event_key FROM inbox ORDER BY id')).map((r) => r.event_key);

  it('stores rows idempotently and says how many were new', async () => {
    const writer = new InboxWriter({ db, registry });
    expect(await writer.write(write(rows(50)))).toEqual({ accepted: 50, duplicates: 0 });
    expect(await writer.write(write(rows(60, 20)))).toEqual({ accepted: 30, duplicates: 30 });
    expect(await writer.write({ rows: [row(1), row(1)], rejected: [] })).toEqual({ accepted: 0, duplicates: 2 });
    expect(await inboxKeys()).toHaveLength(80);
  });

  it('stores the payloads of a write that brings them as JSON text, beside writes that do not, in one flush', async () => {
    const gated = gatedDb(db);
    const writer = new InboxWriter({ db: gated.db, registry, maxConcurrentFlushes: 1 });
    const first = writer.write(write([row(0)]));
    await until(() => gated.inserts() === 1);
    const asText = rows(2, 1);
    const texts = writer.write({ rows: asText, rejected: [], payloadsJson: ` ${JSON.stringify(asText.map((r) => r.payload), null, 1)}\n` });
    const objects = writer.write(write(rows(2, 3)));
    gated.open();

    expect(await Promise.all([first, texts, objects])).toEqual(Array(3).fill(expect.objectContaining({ duplicates: 0 })));
    expect(gated.inserts()).toBe(2);
    const stored = await db.query<{ event_key: string; payload: unknown }>('SELECT event_key, payload FROM inbox ORDER BY event_key');
    expect(stored).toEqual(rows(5).map((r) => ({ event_key: r.eventKey, payload: r.payload })).sort((a, b) => (a.event_key < b.event_key ? -1 : 1)));
  });

  it('stores rejected events in the same commit as the rows', async () => {
    const writer = new InboxWriter({ db, registry });
    await writer.write({ rows: rows(2), rejected: [{ portalId: PORTAL, reason: 'objectId: expected number', payload: { objectId: 'x' } }, { portalId: null, reason: 'expected object', payload: null }] });
    expect(await db.query('SELECT portal_id, reason, payload FROM rejected_events ORDER BY id')).toEqual([
      { portal_id: PORTAL, reason: 'objectId: expected number', payload: { objectId: 'x' } },
      { portal_id: null, reason: 'expected object', payload: null },
    ]);
    expect(await inboxKeys()).toHaveLength(2);
  });

  it('writes arriving while a flush is in flight share the next one: one INSERT for all of them', async () => {
    const gated = gatedDb(db);
    const writer = new InboxWriter({ db: gated.db, registry, maxConcurrentFlushes: 1 });
    const settled: InboxWriteResult[] = [];
    const first = writer.write(write(rows(100, 0))).then((r) => settled.push(r));
    await until(() => gated.inserts() === 1);
    const rest = Array.from({ length: 9 }, (_, i) => writer.write(write(rows(100, (i + 1) * 100))).then((r) => settled.push(r)));

    expect(writer.queued).toBe(9);
    expect(settled).toHaveLength(0); // nothing is acknowledged before its commit
    gated.open();
    await Promise.all([first, ...rest]);

    expect(gated.inserts()).toBe(2);
    expect(settled).toEqual(Array(10).fill({ accepted: 100, duplicates: 0 }));
    expect(await histogram(registry, 'lead_manager_inbox_flush_requests')).toEqual({ count: 2, sum: 10 });
    expect(await histogram(registry, 'lead_manager_inbox_flush_rows')).toEqual({ count: 2, sum: 1000 });
    expect(await inboxKeys()).toHaveLength(1000);
  });

  it('gives an event sent twice in one flush to the first write and counts it a duplicate in the other', async () => {
    const gated = gatedDb(db);
    const writer = new InboxWriter({ db: gated.db, registry, maxConcurrentFlushes: 1 });
    const first = writer.write(write([row(0)]));
    await until(() => gated.inserts() === 1);
    const a = writer.write(write([row(1), row(2)]));
    const b = writer.write(write([row(2), row(3)]));
    gated.open();

    expect(await Promise.all([first, a, b])).toEqual([
      { accepted: 1, duplicates: 0 },
      { accepted: 2, duplicates: 0 },
      { accepted: 1, duplicates: 1 },
    ]);
    expect(gated.inserts()).toBe(2);
  });

  it('caps a flush at maxRowsPerFlush, taking whole writes', async () => {
    const gated = gatedDb(db);
    const writer = new InboxWriter({ db: gated.db, registry, maxRowsPerFlush: 250, maxConcurrentFlushes: 1 });
    const first = writer.write(write(rows(100, 0)));
    await until(() => gated.inserts() === 1);
    const rest = [1, 2, 3, 4].map((i) => writer.write(write(rows(100, i * 100))));
    gated.open();
    await Promise.all([first, ...rest]);

    expect(gated.inserts()).toBe(3);
    expect(await histogram(registry, 'lead_manager_inbox_flush_requests')).toEqual({ count: 3, sum: 5 });
  });

  it('fails only the write whose data the database refuses; the others of its flush are stored', async () => {
    const gated = gatedDb(db);
    const writer = new InboxWriter({ db: gated.db, registry, maxConcurrentFlushes: 1 });
    const first = writer.write(write([row(0)]));
    await until(() => gated.inserts() === 1);
    const poisoned = { ...row(1), payload: { text: 'nul \u0000 inside' } };
    const good = writer.write(write([row(2)]));
    const bad = writer.write(write([poisoned]));
    const alsoGood = writer.write(write([row(3)]));
    gated.open();

    await expect(bad).rejects.toMatchObject({ code: expect.stringMatching(/^22/) });
    expect(await Promise.all([first, good, alsoGood])).toEqual(Array(3).fill({ accepted: 1, duplicates: 0 }));
    expect(await inboxKeys()).toEqual(expect.arrayContaining([row(0).eventKey, row(2).eventKey, row(3).eventKey]));
    expect(await inboxKeys()).toHaveLength(3);
  });

  it('rejects every write of a flush the database could not take, and the next flush goes through', async () => {
    let down = true;
    const flaky: Db = {
      ...db,
      query: <Row,>(sql: string, params?: unknown[]) =>
        down ? Promise.reject(Object.assign(new Error('Connection terminated unexpectedly'), { code: undefined })) : db.query<Row>(sql, params),
    };
    const writer = new InboxWriter({ db: flaky, registry });
    await expect(writer.write(write(rows(10)))).rejects.toThrow(/Connection terminated/);
    down = false;
    expect(await writer.write(write(rows(10)))).toEqual({ accepted: 10, duplicates: 0 });
    const failures = (await registry.getSingleMetric('lead_manager_inbox_flush_failures_total')!.get()).values[0]!.value;
    expect(failures).toBe(1);
  });

  it('acknowledges an empty write without touching the database', async () => {
    const gated = gatedDb(db);
    const writer = new InboxWriter({ db: gated.db, registry, maxConcurrentFlushes: 1 });
    expect(await writer.write({ rows: [], rejected: [] })).toEqual({ accepted: 0, duplicates: 0 });
    expect(gated.inserts()).toBe(0);
  });
});
