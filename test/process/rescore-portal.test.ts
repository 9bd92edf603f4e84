import type { Activity } from '../../src/domain/activities';
import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema, type LiveSettings } from '../../src/domain/portal-settings';
import { DEFAULT_SCORING_MODEL } from '../../src/domain/scoring';
import { rescoreOf } from '../../src/store/rescores';
import { silentLogger } from '../../src/log';
import { settleContacts, type ContactInput } from '../../src/process/settle-contacts';
import { PortalRescorer } from '../../src/process/rescore-portal';
import type { Db } from '../../src/store/db';
import { testDatabases } from '../support/databases';

const RESCORED = 9_101;
const FROM_SCRATCH = 9_102;
const NOW = new Date(Date.UTC(2026, 5, 1, 12));
const DAY = 86_400_000;

/** No decay, caps or fit, so each contact's score is the sum of its activities' points. */
const model = (engagementRules: unknown[]): LiveSettings['settings'] =>
  portalSettingsSchema.parse({
    ...DEFAULT_PORTAL_SETTINGS,
    scoring: { ...DEFAULT_SCORING_MODEL, groups: [], engagementCap: undefined, engagementRules, thresholds: { mql: 30, sql: 1_000, minGradeForSql: 'B' } },
  });
const BEFORE: LiveSettings = {
  version: 1,
  settings: model([
    { id: 'site_visit', label: 'Site visit', activity: 'page_view', points: 5 },
    { id: 'pricing_page', label: 'Pricing page', activity: 'pricing_page_view', points: 10 },
    { id: 'email_open', label: 'Email open', activity: 'email_open', points: 2 },
  ]),
};
/** The pricing page is worth more, email opens nothing, and a demo request is new. */
const AFTER: LiveSettings = {
  version: 2,
  settings: model([
    { id: 'site_visit', label: 'Site visit', activity: 'page_view', points: 5 },
    { id: 'pricing_page', label: 'Pricing page', activity: 'pricing_page_view', points: 20 },
    { id: 'demo_request', label: 'Demo request', activity: 'form_submission', when: { field: 'form', op: 'matches', value: 'demo' }, points: 30 },
  ]),
};

const activity = (type: string, n: number, detail: Record<string, string> = {}): Activity => ({ key: `${type}:${n}`, type, occurredAt: NOW.getTime() - n * DAY, detail });
/** Contact id → its history; the comments say what the model change does to it. */
const HISTORIES = new Map<number, Activity[]>([
  [1, [activity('page_view', 1), activity('page_view', 2)]], // nothing
  [2, [activity('pricing_page_view', 1), activity('page_view', 2)]], // 15 → 25
  [3, [activity('email_open', 1), activity('email_open', 2), activity('email_open', 3)]], // 6 → 0, its ledger emptied
  [4, [activity('form_submission', 1, { form: 'Demo request' })]], // 0 → 30, an MQL
  [5, [activity('form_submission', 1, { form: 'Newsletter' })]], // nothing earned either way
  [6, []], // nothing
  [7, [activity('pricing_page_view', 1), activity('pricing_page_view', 2)]], // 20 → 40, an MQL
]);
const CHANGED = [2, 3, 4, 7];
const UNCHANGED = [1, 5, 6];

async function settle(db: Db, portalId: number, live: LiveSettings): Promise<void> {
  const work = new Map<number, ContactInput[]>([...HISTORIES].map(([id, activities]) => [id, [{ kind: 'activities', activities, occurredAt: NOW.getTime() }]]));
  await db.transaction((tx) => settleContacts(tx, { portalId, live, now: NOW }, work));
}

/** What the outbox writer leaves once HubSpot took every value: `written` holds them, the outbox is empty. */
async function flushed(db: Db, portalId: number): Promise<void> {
  await db.query(
    `UPDATE contacts c SET written = c.written || o.properties FROM outbox o WHERE o.portal_id = $1 AND c.portal_id = $1 AND c.contact_id = o.contact_id`,
    [portalId],
  );
  await db.query('DELETE FROM outbox WHERE portal_id = $1', [portalId]);
}

describe.each(testDatabases)('publish rescore on $name', (database) => {
  let db: Db;

  beforeAll(async () => {
    db = await database.open();
    await settle(db, RESCORED, BEFORE);
    await flushed(db, RESCORED);
    await settle(db, FROM_SCRATCH, AFTER);
  });
  afterAll(() => db.close());

  const versions = async () =>
    new Map((await db.query<{ contact_id: number; v: string }>('SELECT contact_id, xmin::text AS v FROM contacts WHERE portal_id = $1', [RESCORED])).map((row) => [row.contact_id, row.v]));
  const states = (portalId: number) =>
    db.query('SELECT contact_id, status, status_since, score, fit_score, engagement_score, grade, reasons FROM contacts WHERE portal_id = $1 ORDER BY contact_id', [portalId]);
  const ledgers = (portalId: number) =>
    db.query('SELECT contact_id, source_key, rule_id, points, occurred_at FROM score_ledger WHERE portal_id = $1 ORDER BY contact_id, source_key, rule_id', [portalId]);
  const outbox = async (portalId: number) =>
    new Map((await db.query<{ contact_id: number; properties: Record<string, string> }>('SELECT contact_id, properties FROM outbox WHERE portal_id = $1', [portalId])).map((row) => [row.contact_id, row.properties]));

  it('queues HubSpot values for exactly the contacts whose values changed, leaves the others untouched, and ends where scoring from scratch does', async () => {
    const before = await versions();
    const rescorer = new PortalRescorer({ db, logger: silentLogger, now: () => NOW });

    await rescorer.start(RESCORED, AFTER);

    expect(rescorer.status(RESCORED)).toEqual({ state: 'done', done: HISTORIES.size, total: HISTORIES.size });
    // Kept in the database too, for an instance that did not run it.
    expect(await rescoreOf(db, RESCORED)).toMatchObject({ state: 'done', version: AFTER.version, done: HISTORIES.size, total: HISTORIES.size, lastError: null });
    const queued = await outbox(RESCORED);
    expect([...queued.keys()].sort()).toEqual(CHANGED);
    const after = await versions();
    for (const id of UNCHANGED) expect(after.get(id)).toBe(before.get(id));
    for (const id of CHANGED) expect(after.get(id)).not.toBe(before.get(id));

    expect(await states(RESCORED)).toEqual(await states(FROM_SCRATCH));
    expect(await ledgers(RESCORED)).toEqual(await ledgers(FROM_SCRATCH));
    const fromScratch = await outbox(FROM_SCRATCH);
    for (const id of CHANGED) expect(queued.get(id)).toEqual(fromScratch.get(id));
    const written = await db.query<{ contact_id: number; written: Record<string, string> }>(
      'SELECT contact_id, written FROM contacts WHERE portal_id = $1 AND contact_id = ANY($2::bigint[])',
      [RESCORED, UNCHANGED],
    );
    for (const row of written) expect(row.written).toEqual(fromScratch.get(row.contact_id));
  });

  it('changes nothing when the same model is published again', async () => {
    await flushed(db, RESCORED);
    const before = await versions();
    const rescorer = new PortalRescorer({ db, logger: silentLogger, now: () => NOW });

    await rescorer.start(RESCORED, { ...AFTER, version: 3 });

    expect(await outbox(RESCORED)).toEqual(new Map());
    expect(await versions()).toEqual(before);
  });
});
