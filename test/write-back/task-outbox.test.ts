import { HubspotGateway } from '../../src/hubspot/gateway';
import { createPortalLimiters } from '../../src/hubspot/limiter';
import { silentLogger } from '../../src/log';
import { queueTask, sendQueuedTasks, type QueuedTask } from '../../src/write-back/task-outbox';
import { installThroughOAuth } from '../../src/sandbox-mode';
import type { Db } from '../../src/store/db';
import { openSibling, testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';

const PORTAL = 18_001;
const GONE_PORTAL = 18_002;
const T0 = new Date('2025-06-02T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

interface OutboxRow {
  dedupe_key: string;
  subject: string;
  attempts: number;
  next_attempt_at: Date;
  sent_at: Date | null;
  task_id: string | null;
  last_error: string | null;
}

describe.each(testDatabases)('task outbox on $name', (database) => {
  let harness: PipelineHarness;
  let db: Db;
  /** The service's gateway without real waits between retries, so a HubSpot outage costs no wall-clock time. */
  let impatientGateway: HubspotGateway;
  let manager: string;
  let emails = 0;

  beforeAll(async () => {
    harness = await startPipelineHarness(database, {
      sandbox: { portals: [{ portalId: PORTAL }, { portalId: GONE_PORTAL }] },
      arrange: (sandbox) => {
        manager = sandbox.state.createOwner(PORTAL, { email: 'mia@example.com', firstName: 'Mia', lastName: 'Manager' }).id;
      },
    });
    harness.sandbox.setInstallingPortal(GONE_PORTAL);
    await installThroughOAuth(harness.service.url);
    db = harness.service.db;
    impatientGateway = new HubspotGateway({
      apiBase: harness.emulator.url,
      tokens: harness.service.tokens,
      logger: silentLogger,
      limiters: createPortalLimiters({ logger: silentLogger }),
      retry: { maxAttempts: 2 },
      sleep: async () => {},
    });
  });
  afterAll(async () => {
    await impatientGateway.close();
    await harness.stop();
  });
  beforeEach(() => db.query('DELETE FROM task_outbox'));
  afterEach(() => harness.sandbox.setFaults({}));

  const newContact = (portalId = PORTAL): number =>
    Number(harness.sandbox.state.createRecord(portalId, 'contacts', { email: `lead${++emails}@example.com` }).id);
  const task = (contactId: number, dedupeKey: string, extra: Partial<QueuedTask> = {}): QueuedTask => ({
    contactId,
    dedupeKey,
    ownerId: manager,
    subject: `Reminder ${dedupeKey}`,
    body: `First touch due soon (${dedupeKey}).`,
    ...extra,
  });
  const queue = (portalId: number, queued: QueuedTask, now = T0) => db.transaction((tx) => queueTask(tx, portalId, queued, now));
  const rows = () => db.query<OutboxRow>('SELECT dedupe_key, subject, attempts, next_attempt_at, sent_at, task_id, last_error FROM task_outbox ORDER BY id');
  const send = (now: Date, deps: { db?: Db; gateway?: HubspotGateway; limit?: number } = {}) =>
    sendQueuedTasks({ db: deps.db ?? db, gateway: deps.gateway ?? harness.service.gateway, logger: silentLogger }, now, deps.limit);
  /** The tasks HubSpot holds for a contact, found through the contact's associations. */
  const hubspotTasksOf = (contactId: number, portalId = PORTAL) => {
    const { state } = harness.sandbox;
    return [...state.associationsOf(portalId, { type: 'contacts', id: String(contactId) }, 'tasks').keys()].map((id) => state.findRecord(portalId, 'tasks', id)!);
  };

  it('queues a key once, even from two transactions, and creates one HubSpot task with owner, subject, body, due time and contact', async () => {
    const contactId = newContact();
    const due = at(4 * 60 * MINUTE);
    const first = task(contactId, 'sla:41:remind', { dueAt: due, subject: 'First touch due in 2 business hours', body: 'Call or email the lead before the SLA is breached.' });

    expect(await db.transaction(async (tx) => [await queueTask(tx, PORTAL, first, T0), await queueTask(tx, PORTAL, first, T0)])).toEqual([true, false]);
    // The decision replayed later (a retried event, the next sweep) queues nothing new and changes nothing.
    expect(await queue(PORTAL, { ...first, subject: 'Replayed decision', body: 'other' }, at(MINUTE))).toBe(false);
    expect(await rows()).toEqual([expect.objectContaining({ dedupe_key: 'sla:41:remind', subject: 'First touch due in 2 business hours', attempts: 0, sent_at: null })]);

    expect(await send(at(MINUTE))).toEqual({ sent: 1, failed: 0 });
    expect(await send(at(2 * MINUTE))).toEqual({ sent: 0, failed: 0 });

    const created = hubspotTasksOf(contactId);
    expect(created).toHaveLength(1);
    expect(created[0]!.properties).toMatchObject({
      hubspot_owner_id: manager,
      hs_task_subject: 'First touch due in 2 business hours',
      hs_task_body: 'Call or email the lead before the SLA is breached.',
      hs_timestamp: due.toISOString(),
      hs_task_status: 'NOT_STARTED',
    });
    const toContact = harness.sandbox.state.associationsOf(PORTAL, { type: 'tasks', id: created[0]!.id }, 'contacts');
    expect([...toContact.keys()]).toEqual([String(contactId)]);
    expect(toContact.get(String(contactId))).toEqual([expect.objectContaining({ category: 'HUBSPOT_DEFINED', typeId: 204 })]);
    expect(await rows()).toEqual([expect.objectContaining({ attempts: 1, sent_at: at(MINUTE), task_id: created[0]!.id, last_error: null })]);
  });

  it('dedupes per portal: the same key in another portal is another task', async () => {
    expect(await queue(PORTAL, task(newContact(), 'hold:7'))).toBe(true);
    expect(await queue(GONE_PORTAL, task(newContact(GONE_PORTAL), 'hold:7'))).toBe(true);
    expect(await rows()).toHaveLength(2);
  });

  it('due time defaults to when the task was queued', async () => {
    const contactId = newContact();
    await queue(PORTAL, task(contactId, 'hold:8'), at(5 * MINUTE));
    expect(await send(at(6 * MINUTE))).toEqual({ sent: 1, failed: 0 });
    expect(hubspotTasksOf(contactId)[0]!.properties.hs_timestamp).toBe(at(5 * MINUTE).toISOString());
  });

  it('keeps a task HubSpot answered 5xx for unsent, with the error and a backed-off retry, then creates it exactly once', async () => {
    const contactId = newContact();
    await queue(PORTAL, task(contactId, 'sla:42:escalate'));
    harness.sandbox.setFaults({ rate5xx: 1 });

    expect(await send(T0, { gateway: impatientGateway })).toEqual({ sent: 0, failed: 1 });
    const [failed] = await rows();
    expect(failed).toMatchObject({ attempts: 1, sent_at: null, task_id: null, last_error: expect.stringMatching(/50[23]/) });
    const firstBackoff = failed!.next_attempt_at.getTime() - T0.getTime();
    expect(firstBackoff).toBeGreaterThanOrEqual(MINUTE);
    expect(hubspotTasksOf(contactId)).toHaveLength(0);

    // Not retried before its time, even once HubSpot answers again.
    harness.sandbox.setFaults({});
    expect(await send(at(firstBackoff - 1), { gateway: impatientGateway })).toEqual({ sent: 0, failed: 0 });

    harness.sandbox.setFaults({ rate5xx: 1 });
    expect(await send(at(firstBackoff), { gateway: impatientGateway })).toEqual({ sent: 0, failed: 1 });
    const [again] = await rows();
    expect(again).toMatchObject({ attempts: 2, sent_at: null });
    const secondBackoff = again!.next_attempt_at.getTime() - firstBackoff - T0.getTime();
    expect(secondBackoff).toBe(2 * firstBackoff); // exponential

    harness.sandbox.setFaults({});
    const later = at(firstBackoff + secondBackoff);
    expect(await send(later, { gateway: impatientGateway })).toEqual({ sent: 1, failed: 0 });
    expect(await send(at(firstBackoff + secondBackoff + 60 * MINUTE), { gateway: impatientGateway })).toEqual({ sent: 0, failed: 0 });
    expect(hubspotTasksOf(contactId)).toHaveLength(1);
    expect(await rows()).toEqual([expect.objectContaining({ attempts: 3, sent_at: later, last_error: null, task_id: hubspotTasksOf(contactId)[0]!.id })]);
  });

  it('gives a task up after 8 failed attempts, keeping the last error, and never sends it again', async () => {
    const contactId = newContact();
    await queue(PORTAL, task(contactId, 'sla:43:remind'));
    harness.sandbox.setFaults({ rate5xx: 1 });
    let now = T0;
    for (let attempt = 1; attempt <= 8; attempt++) {
      expect(await send(now, { gateway: impatientGateway })).toEqual({ sent: 0, failed: 1 });
      now = (await rows())[0]!.next_attempt_at;
    }
    expect((await rows())[0]).toMatchObject({ attempts: 8, sent_at: null, last_error: expect.stringMatching(/50[23]/) });

    harness.sandbox.setFaults({});
    expect(await send(at(30 * 24 * 60 * MINUTE), { gateway: impatientGateway })).toEqual({ sent: 0, failed: 0 });
    expect((await rows())[0]).toMatchObject({ attempts: 8, sent_at: null, last_error: expect.stringMatching(/50[23]/) });
    expect(hubspotTasksOf(contactId)).toHaveLength(0);
  });

  it('gives up at once when HubSpot refuses the task itself (an owner deactivated since it was queued)', async () => {
    const contactId = newContact();
    const leaver = harness.sandbox.state.createOwner(PORTAL, { email: 'leaver@example.com', firstName: 'Lee', lastName: 'Leaver' }).id;
    await queue(PORTAL, task(contactId, 'sla:44:escalate', { ownerId: leaver }));
    harness.sandbox.state.archiveOwner(PORTAL, leaver);

    expect(await send(T0)).toEqual({ sent: 0, failed: 1 });
    expect((await rows())[0]).toMatchObject({ attempts: 8, sent_at: null, last_error: expect.stringMatching(/400/) });
    expect(await send(at(30 * 24 * 60 * MINUTE))).toEqual({ sent: 0, failed: 0 });
    expect(hubspotTasksOf(contactId)).toHaveLength(0);
  });

  it('gives up at once on a portal whose installation is no longer active', async () => {
    const contactId = newContact(GONE_PORTAL);
    await queue(GONE_PORTAL, task(contactId, 'hold:9'));
    await harness.service.installations.markUninstalled(GONE_PORTAL, 'app uninstalled in HubSpot', T0);

    expect(await send(T0, { gateway: impatientGateway })).toEqual({ sent: 0, failed: 1 });
    expect((await rows())[0]).toMatchObject({ attempts: 8, sent_at: null, last_error: expect.stringMatching(/portal 18002 is not active/) });
    expect(await send(at(30 * 24 * 60 * MINUTE), { gateway: impatientGateway })).toEqual({ sent: 0, failed: 0 });
    expect(hubspotTasksOf(contactId, GONE_PORTAL)).toHaveLength(0);
  });

  it('never sends a task twice when senders run concurrently (PostgreSQL: two instances)', async () => {
    const contactId = newContact();
    const keys = Array.from({ length: 24 }, (_, i) => `sla:${100 + i}:remind`);
    for (const key of keys) await queue(PORTAL, task(contactId, key));
    const sibling = database.name === 'postgres' ? await openSibling(db) : db;
    try {
      const sender = async (handle: Db) => {
        let sent = 0;
        for (;;) {
          const round = await send(at(MINUTE), { db: handle, limit: 5 });
          if (round.sent + round.failed === 0) return sent;
          sent += round.sent;
        }
      };
      const sent = await Promise.all([sender(db), sender(sibling), sender(db), sender(sibling)]);
      expect(sent.reduce((a, b) => a + b, 0)).toBe(keys.length);
    } finally {
      if (sibling !== db) await sibling.close();
    }
    const subjects = hubspotTasksOf(contactId).map((created) => created.properties.hs_task_subject);
    expect(subjects.sort()).toEqual(keys.map((key) => `Reminder ${key}`).sort());
    expect((await rows()).every((row) => row.attempts === 1 && row.sent_at !== null)).toBe(true);
  });
});
