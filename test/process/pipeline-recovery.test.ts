import { claimInbox, listDeadLetters } from '../../src/store/inbox-claims';
import { settleContact } from '../../src/process/settle-contacts';
import { InboxWorker } from '../../src/process/inbox-worker';
import type { WebhookEvent } from '../../src/sandbox';
import { silentLogger } from '../../src/log';
import type { Db } from '../../src/store/db';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';

const PORTAL = 4_001;
const T0 = Date.UTC(2026, 10, 2, 9);
const MINUTE = 60_000;

describe.each(testDatabases)('pipeline recovery and lifecycle on $name', (database) => {
  let harness: PipelineHarness;
  let nextEventId = 1;

  beforeAll(async () => {
    harness = await startPipelineHarness(database, { sandbox: { portals: [{ portalId: PORTAL }] } });
  });
  afterAll(() => harness.stop());
  beforeEach(async () => {
    const db = harness.service.db;
    for (const table of ['inbox', 'contacts', 'activities', 'score_ledger', 'status_transitions', 'outbox', 'lead_decisions', 'settings_versions']) {
      await db.query(`DELETE FROM ${table}`);
    }
    harness.service.settings.invalidate(PORTAL);
  });

  const newContact = (industry = 'Internet') =>
    Number(harness.sandbox.state.createRecord(PORTAL, 'contacts', { email: `c${nextEventId}@example.com`, industry }).id);

  /** HubSpot's event for an email open at `at` (each open changes hs_email_last_open_date). */
  const emailOpen = (contactId: number, at: number): WebhookEvent => ({
    eventId: nextEventId++,
    subscriptionId: 2_100_001,
    portalId: PORTAL,
    appId: harness.sandbox.app.appId,
    occurredAt: at,
    attemptNumber: 0,
    subscriptionType: 'contact.propertyChange',
    objectId: contactId,
    propertyName: 'hs_email_last_open_date',
    propertyValue: String(at),
    changeSource: 'EMAIL',
  }) as WebhookEvent;

  const ledgerRows = async (contactId: number) =>
    (await harness.service.db.query('SELECT 1 FROM score_ledger WHERE portal_id = $1 AND contact_id = $2', [PORTAL, contactId])).length;

  const workerDeps = () => ({
    db: harness.service.db,
    gateway: harness.service.gateway,
    settings: harness.service.settings,
    logger: silentLogger,
    metrics: harness.service.pipelineMetrics,
  });

  const laterWorker = (minutes: number, maxAttempts?: number) =>
    new InboxWorker({
      db: harness.service.db,
      gateway: harness.service.gateway,
      settings: harness.service.settings,
      logger: silentLogger,
      metrics: harness.service.pipelineMetrics,
      now: () => new Date(Date.now() + minutes * MINUTE),
      ...(maxAttempts ? { maxAttempts } : {}),
    });

  it('a worker killed after claiming loses nothing: its lease runs out and another worker counts each event once', async () => {
    const contactId = newContact();
    await harness.send([0, 1, 2].map((i) => emailOpen(contactId, T0 + i * 3 * 3_600_000)));
    const claimed = await claimInbox(harness.service.db, 'killed-worker', new Date(), 100, 60_000);
    expect(claimed).toHaveLength(3);

    await harness.service.workers[0]!.drain(); // nothing to do while the lease holds
    expect(await ledgerRows(contactId)).toBe(0);

    await laterWorker(2).drain();
    expect(await ledgerRows(contactId)).toBe(3);
    await laterWorker(4).drain();
    expect(await ledgerRows(contactId)).toBe(3);
    const [state] = await harness.service.db.query<{ engagement_score: number }>(
      'SELECT engagement_score FROM contacts WHERE portal_id = $1 AND contact_id = $2',
      [PORTAL, contactId],
    );
    expect(state?.engagement_score).toBeGreaterThan(0);
  });

  (database.name === 'postgres' ? it : it.skip)(
    'a contact transaction whose connection the server ends mid-way fails its events, which the next round counts once',
    async () => {
      const contactId = newContact();
      await harness.send([0, 1].map((i) => emailOpen(contactId, T0 + i * 3_600_000)));
      const { db } = harness.service;
      let armed = true;
      // Between two statements of the contact's transaction, its backend is terminated as a server restart would.
      const interrupted: Db = {
        ...db,
        transaction: (fn) =>
          db.transaction((tx) =>
            fn({
              ...tx,
              query: async (sql, params) => {
                if (armed && sql.includes('INSERT INTO activities')) {
                  armed = false;
                  const [{ pid }] = (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
                  await db.query('SELECT pg_terminate_backend($1)', [pid]);
                  await new Promise((resolve) => setTimeout(resolve, 200));
                }
                return tx.query(sql, params);
              },
            }),
          ),
      };

      await new InboxWorker({ ...workerDeps(), db: interrupted }).drain();
      const [failed] = await db.query<{ attempts: number; last_error: string }>('SELECT max(attempts)::int AS attempts, max(last_error) AS last_error FROM inbox');
      expect(failed).toEqual({ attempts: 1, last_error: expect.stringMatching(/terminat/i) });
      expect(await ledgerRows(contactId)).toBe(0);

      await laterWorker(2).drain();
      expect(await ledgerRows(contactId)).toBe(2);
      expect(await db.query('SELECT 1 FROM inbox WHERE processed_at IS NULL')).toEqual([]);
    },
  );

  it('a crash inside a contact\u2019s transaction leaves no trace, and the retry counts everything once', async () => {
    const contactId = newContact();
    const live = await harness.service.settings.live(PORTAL);
    const inputs = [0, 1].map((i) => ({ kind: 'event' as const, event: { key: `k${i}`, subscriptionType: 'contact.propertyChange', objectId: contactId, occurredAt: T0 + i * MINUTE, propertyName: 'hs_email_last_click_date', propertyValue: String(T0 + i * MINUTE) } }));
    await expect(
      harness.service.db.transaction(async (tx) => {
        await settleContact(tx, { portalId: PORTAL, live, now: new Date() }, contactId, inputs);
        throw new Error('process killed');
      }),
    ).rejects.toThrow('process killed');
    expect(await ledgerRows(contactId)).toBe(0);
    await harness.service.db.transaction((tx) => settleContact(tx, { portalId: PORTAL, live, now: new Date() }, contactId, inputs));
    await harness.service.db.transaction((tx) => settleContact(tx, { portalId: PORTAL, live, now: new Date() }, contactId, inputs));
    expect(await ledgerRows(contactId)).toBe(2);
  });

  it('one contact that fails costs the rest of its batch nothing: the others commit, it alone is retried', async () => {
    const good = newContact();
    const bad = newContact();
    await harness.send([emailOpen(good, T0), emailOpen(bad, T0), emailOpen(good, T0 + MINUTE)]);
    const { db } = harness.service;
    // The database refuses the bad contact's activities, as it would a value it cannot store.
    await db.exec(`
      CREATE FUNCTION refuse_contact() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.contact_id = ${bad} THEN RAISE EXCEPTION 'contact % refused', NEW.contact_id; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_contact BEFORE INSERT ON activities FOR EACH ROW EXECUTE FUNCTION refuse_contact();`);
    try {
      await laterWorker(0).drain();
      expect(await ledgerRows(good)).toBe(2);
      expect(await ledgerRows(bad)).toBe(0);
      const inbox = await db.query<{ object_id: number; processed: boolean; last_error: string | null }>(
        'SELECT object_id, processed_at IS NOT NULL AS processed, last_error FROM inbox ORDER BY object_id, id',
      );
      expect(inbox).toEqual([
        { object_id: good, processed: true, last_error: null },
        { object_id: good, processed: true, last_error: null },
        { object_id: bad, processed: false, last_error: expect.stringMatching(`contact ${bad} refused`) },
      ]);
    } finally {
      await db.exec('DROP TRIGGER refuse_contact ON activities; DROP FUNCTION refuse_contact();');
    }
    await laterWorker(2).drain();
    expect(await ledgerRows(bad)).toBe(1);
  });

  it('retries a failing event with backoff and dead-letters it after the last attempt, visibly', async () => {
    const contactId = newContact();
    // Every attempt fails inside the contact's transaction: the ledger table is missing for the while.
    await harness.service.db.query('ALTER TABLE score_ledger RENAME TO score_ledger_away');
    try {
      await harness.send([emailOpen(contactId, T0)]);
      const dead = () => harness.service.pipelineMetrics.deadLettered;
      const before = (await dead().get()).values[0]?.value ?? 0;

      await laterWorker(0, 2).drain();
      let [row] = await harness.service.db.query<{ attempts: number; dead_at: Date | null; last_error: string }>('SELECT attempts, dead_at, last_error FROM inbox');
      expect(row).toMatchObject({ attempts: 1, dead_at: null });
      expect(row!.last_error).toMatch(/score_ledger/);

      await laterWorker(1, 2).drain(); // after the 1 s backoff
      [row] = await harness.service.db.query('SELECT attempts, dead_at, last_error FROM inbox');
      expect(row!.attempts).toBe(2);
      expect(row!.dead_at).not.toBeNull();
      expect(await listDeadLetters(harness.service.db, PORTAL)).toHaveLength(1);
      expect((await dead().get()).values[0]?.value).toBe(before + 1);
    } finally {
      await harness.service.db.query('ALTER TABLE score_ledger_away RENAME TO score_ledger');
    }
    await laterWorker(60, 2).drain();
    expect((await harness.service.db.query('SELECT attempts FROM inbox'))[0]).toEqual({ attempts: 2 });
  });

  it('contact.deletion and contact.privacyDeletion purge everything the app holds about the contact', async () => {
    for (const subscriptionType of ['contact.deletion', 'contact.privacyDeletion'] as const) {
      const contactId = newContact();
      await harness.deliver([emailOpen(contactId, T0)]);
      expect(await ledgerRows(contactId)).toBe(1);
      // What routing and the SLA keep about a lead goes too: its decisions, clock, touches and queued tasks.
      const { db } = harness.service;
      await db.query(`INSERT INTO lead_decisions (portal_id, contact_id, kind, decided_at, decided_by) VALUES ($1, $2, 'accept', now(), 'user:1')`, [PORTAL, contactId]);
      await db.query(`INSERT INTO assignments (portal_id, contact_id, kind, owner_id, pool_id, rule_id, reason, decided_at) VALUES ($1, $2, 'assigned', '7', 'p', 'default', 'r', now())`, [PORTAL, contactId]);
      await db.query(`INSERT INTO sla_clocks (portal_id, contact_id, owner_id, pool_id, clock, state, due_at, updated_at) VALUES ($1, $2, '7', 'p', '{}', 'on_track', now(), now())`, [PORTAL, contactId]);
      await db.query(`INSERT INTO sla_touches (portal_id, contact_id, touch_key, owner_id, kind, at) VALUES ($1, $2, 'calls:1', '7', 'call', now())`, [PORTAL, contactId]);
      await db.query(
        `INSERT INTO task_outbox (portal_id, contact_id, dedupe_key, owner_id, subject, body, due_at, created_at, next_attempt_at) VALUES ($1, $2, $3, '7', 's', 'b', now(), now(), now())`,
        [PORTAL, contactId, `hold:${contactId}`],
      );
      await harness.deliver([{ ...emailOpen(contactId, T0 + MINUTE), subscriptionType, propertyName: undefined, propertyValue: undefined } as WebhookEvent]);
      for (const table of ['contacts', 'activities', 'score_ledger', 'outbox', 'status_transitions', 'lead_decisions', 'assignments', 'sla_clocks', 'sla_touches', 'task_outbox']) {
        const rows = await harness.service.db.query(`SELECT 1 FROM ${table} WHERE portal_id = $1 AND contact_id = $2`, [PORTAL, contactId]);
        expect({ table, rows: rows.length }).toEqual({ table, rows: 0 });
      }
    }
  });

  it('contact.merge moves the merged contacts\u2019 ledgers to the survivor and rescores it', async () => {
    const survivor = newContact();
    const merged = newContact();
    await harness.deliver([emailOpen(survivor, T0), emailOpen(merged, T0 + 5 * 3_600_000), emailOpen(merged, T0 + 30 * 3_600_000)]);
    harness.sandbox.state.mergeContacts(PORTAL, String(survivor), String(merged));
    const merge = {
      ...emailOpen(survivor, T0 + 40 * 3_600_000),
      subscriptionType: 'contact.merge',
      propertyName: undefined,
      propertyValue: undefined,
      primaryObjectId: survivor,
      mergedObjectIds: [merged],
      newObjectId: survivor,
    } as unknown as WebhookEvent;
    await harness.deliver([merge]);
    expect(await ledgerRows(survivor)).toBe(3);
    expect(await ledgerRows(merged)).toBe(0);
    const [row] = await harness.service.db.query<{ engagement_score: number }>(
      'SELECT engagement_score FROM contacts WHERE portal_id = $1 AND contact_id = $2',
      [PORTAL, survivor],
    );
    const written = harness.sandbox.state.properties(PORTAL, 'contacts', String(survivor))!;
    expect(written.lm_engagement_score).toBe(String(row!.engagement_score));
    expect(row!.engagement_score).toBeGreaterThan(2);
  });
});
