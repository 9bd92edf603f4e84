import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { Activity, ContactFacts } from '../src/domain/activities';
import { DEFAULT_PORTAL_SETTINGS, type LiveSettings } from '../src/domain/portal-settings';
import { qualify } from '../src/domain/qualification';
import { award, explain } from '../src/domain/scoring';
import { changedProperties, desiredProperties } from '../src/domain/write-back/desired-properties';
import { silentLogger } from '../src/log';
import { forEachContactChunk } from '../src/process/contact-chunks';
import { settleContacts, type ContactInput } from '../src/process/settle-contacts';
import { PortalRescorer } from '../src/process/rescore-portal';
import { seededRandom } from '../src/sandbox/random';
import { loadActivitiesWithLedgers, lockKnownContacts } from '../src/store/contact-batches';
import { openDb, type Db } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import type { BenchRow } from './gateway-overhead';

const PORTAL = 90_301;
const DAY = 86_400_000;
/** One instant for seeding and rescoring, so a contact changes only because the model did (not because time decayed it). */
const NOW = new Date(Date.UTC(2026, 10, 1, 12));
const SEED_CHUNK = 1_000;

const INDUSTRIES = ['Computer Software', 'Financial Services', 'Retail', 'Internet', 'Education Management', 'Marketing and Advertising'];
const COUNTRIES = ['United States', 'Germany', 'Brazil', 'India', 'Canada', 'United Kingdom'];
const TITLES = ['CMO', 'Marketing Manager', 'Software Engineer', 'Student', 'VP Sales', 'Account Executive'];
const FORMS = ['Newsletter signup', 'Ebook: The lead routing playbook', 'Webinar registration', 'Demo request', 'Case study download'];
/** What contacts do, by weight: mostly page views and email, now and then the pricing page or a form. */
const ACTIVITY_MIX: ReadonlyArray<readonly [string, number]> = [
  ['page_view', 40],
  ['email_open', 25],
  ['email_click', 10],
  ['pricing_page_view', 8],
  ['form_submission', 7],
  ['careers_page_view', 3],
  ['meeting_booked', 2],
  ['email_reply', 2],
  ['unsubscribe', 1],
  ['sales_call', 2], // mapped by no rule: stored, worth nothing
];

interface SeedContact {
  contactId: number;
  facts: ContactFacts;
  activities: Activity[];
}

function generateContacts(count: number): SeedContact[] {
  const random = seededRandom(20_261_101);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const weight = ACTIVITY_MIX.reduce((sum, [, w]) => sum + w, 0);
  const activityType = () => {
    let roll = random() * weight;
    for (const [type, w] of ACTIVITY_MIX) if ((roll -= w) < 0) return type;
    return ACTIVITY_MIX[0]![0];
  };
  return Array.from({ length: count }, (_, i) => {
    const facts: ContactFacts = {
      industry: pick(INDUSTRIES),
      numemployees: String(Math.floor(random() * 1_500)),
      country: pick(COUNTRIES),
      jobtitle: pick(TITLES),
      lifecyclestage: 'lead',
      ...(random() < 0.5 ? { phone: '+1 555 0100' } : {}),
    };
    const activities = Array.from({ length: 2 + Math.floor(random() * 13) }, (_, n): Activity => {
      const type = activityType();
      const occurredAt = NOW.getTime() - Math.floor(random() * 90 * DAY);
      const detail: Record<string, string> = type === 'form_submission' ? { form: pick(FORMS) } : type.endsWith('page_view') ? { url: `/p/${n}` } : {};
      return { key: `${type}:${n}`, type, occurredAt, detail };
    });
    return { contactId: 1_000_000 + i, facts, activities };
  });
}

/** The HubSpot values a contact should have under `live`, computed from its generated history alone (no database). */
function expectedProperties(live: LiveSettings, contact: SeedContact): Record<string, string> {
  const { scoring, writeBack } = live.settings;
  const ledger = contact.activities.flatMap((activity) => award(scoring, activity));
  const { status, score } = qualify(scoring, ledger, contact.facts, [], NOW.getTime());
  const lead = { status, total: score.total, fit: score.fit, engagement: score.engagement, grade: score.grade, reasons: explain(score) };
  return desiredProperties(lead, contact.facts.lifecyclestage, writeBack);
}

/**
 * Contacts settled through the pipeline's own settleContacts under `live`, then their outbox "flushed" as the
 * writer leaves it after HubSpot accepted every value: `written` holds them and the outbox is empty.
 */
async function seed(db: Db, live: LiveSettings, contacts: readonly SeedContact[]): Promise<void> {
  for (let start = 0; start < contacts.length; start += SEED_CHUNK) {
    const chunk = contacts.slice(start, start + SEED_CHUNK);
    const work = new Map<number, ContactInput[]>(
      chunk.map(({ contactId, facts, activities }) => [
        contactId,
        [
          { kind: 'facts', properties: facts, occurredAt: NOW.getTime() - 90 * DAY },
          { kind: 'activities', activities, occurredAt: NOW.getTime() },
        ],
      ]),
    );
    await db.transaction((tx) => settleContacts(tx, { portalId: PORTAL, live, now: NOW }, work));
  }
  await db.query(
    `UPDATE contacts c SET written = c.written || o.properties FROM outbox o
     WHERE o.portal_id = $1 AND c.portal_id = $1 AND c.contact_id = o.contact_id`,
    [PORTAL],
  );
  await db.query('DELETE FROM outbox WHERE portal_id = $1', [PORTAL]);
  // What autovacuum would have done to tables this old: the planner knows their size.
  await db.exec('VACUUM ANALYZE contacts, activities, score_ledger, outbox');
}

/** The floor under any rescore: the same chunks, as many at once, only locked and read (contacts, activities with their ledgers), nothing computed or written. */
async function readOnly(db: Db, ids: readonly number[]): Promise<void> {
  await forEachContactChunk(db, ids, async (tx, chunk) => {
    await lockKnownContacts(tx, PORTAL, chunk);
    await loadActivitiesWithLedgers(tx, PORTAL, chunk);
  });
}

/**
 * Publishing a changed model over `count` seeded contacts: the pricing-page rule is worth more, so the
 * contacts with a counted pricing-page view change score and the others do not. Timed: PortalRescorer from
 * start to done. Baseline: the same chunks only locked and read. Checked: every contact's score equals
 * scoring its history from scratch under the new model, and the outbox holds exactly the contacts whose
 * HubSpot values changed.
 */
export async function rescoreBench(kind: 'pglite' | 'postgres', count: number): Promise<BenchRow[]> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'lead-manager-bench-'));
  const db = await openDb(kind === 'postgres' ? { databaseUrl: process.env.DATABASE_URL, schema } : { dataDir });
  try {
    await migrate(db);
    const before: LiveSettings = { version: 1, settings: DEFAULT_PORTAL_SETTINGS };
    const scoring = before.settings.scoring;
    const after: LiveSettings = {
      version: 2,
      settings: {
        ...before.settings,
        scoring: { ...scoring, engagementRules: scoring.engagementRules.map((rule) => (rule.id === 'pricing_page' ? { ...rule, points: 15 } : rule)) },
      },
    };
    const contacts = generateContacts(count);
    await seed(db, before, contacts);
    const changed = new Set(
      contacts
        .filter((contact) => Object.keys(changedProperties(expectedProperties(after, contact), expectedProperties(before, contact))).length > 0)
        .map((contact) => contact.contactId),
    );
    const ids = contacts.map((contact) => contact.contactId);

    const timed = async (run: () => Promise<void>) => {
      const started = process.hrtime.bigint();
      await run();
      return count / (Number(process.hrtime.bigint() - started) / 1e9);
    };
    const floor = await timed(() => readOnly(db, ids));
    // A row's xmin is the transaction that last wrote it: what the rescore rewrote shows as a new one.
    const rowVersions = async () =>
      new Map((await db.query<{ contact_id: number; v: string }>('SELECT contact_id, xmin::text AS v FROM contacts WHERE portal_id = $1', [PORTAL])).map((row) => [row.contact_id, row.v]));
    const versionsBefore = await rowVersions();
    const rescorer = new PortalRescorer({ db, logger: silentLogger, now: () => NOW });
    const ours = await timed(() => rescorer.start(PORTAL, after));
    const progress = rescorer.status(PORTAL);
    if (progress.done !== count) throw new Error(`rescore stopped after ${progress.done} of ${count} contacts`);

    const scores = new Map(
      (await db.query<{ contact_id: number; score: number }>('SELECT contact_id, score FROM contacts WHERE portal_id = $1', [PORTAL])).map((row) => [row.contact_id, row.score]),
    );
    for (const contact of contacts) {
      const expected = Number(expectedProperties(after, contact).lm_score);
      if (scores.get(contact.contactId) !== expected) throw new Error(`contact ${contact.contactId}: rescored ${scores.get(contact.contactId)}, from scratch ${expected}`);
    }
    const queued = (await db.query<{ contact_id: number }>('SELECT contact_id FROM outbox WHERE portal_id = $1', [PORTAL])).map((row) => row.contact_id);
    const unexpected = queued.filter((id) => !changed.has(id)).length;
    const rewritten = [...(await rowVersions())].filter(([id, version]) => versionsBefore.get(id) !== version);
    const rewrittenUnchanged = rewritten.filter(([id]) => !changed.has(id)).length;
    const activities = contacts.reduce((sum, contact) => sum + contact.activities.length, 0);
    return [
      {
        name: `rescore on ${kind}: publish of a changed model over ${count} contacts (${activities} activities), only changed contacts written (contacts/s)`,
        ours: ours.toFixed(0),
        baseline: `${floor.toFixed(0)} (same chunks, as many at once, locked and read only)`,
        ratio: (ours / floor).toFixed(2),
        key: `rescore.${kind}.contactsPerSecond`,
        value: Math.round(ours),
      },
      {
        name: `rescore on ${kind}: contacts queued for HubSpot (${unexpected} of them unchanged); contact rows rewritten: ${rewritten.length} (${rewrittenUnchanged} of them with unchanged HubSpot values)`,
        ours: String(queued.length),
        baseline: `${changed.size} whose values changed`,
        ratio: (queued.length / Math.max(changed.size, 1)).toFixed(2),
        key: `rescore.${kind}.outboxRows`,
        value: queued.length,
      },
    ];
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (kind === 'postgres') {
      const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    }
  }
}
