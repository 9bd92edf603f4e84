import type { Activity } from '../domain/activities';
import type { Decision } from '../domain/qualification';
import type { LedgerEntry } from '../domain/scoring';
import type { SlaClock } from '../domain/sla';
import type { Queryable } from './db';
import { decisionOf, type AssignmentRow, type ContactRow, type ContactState, type DecisionRow } from './lead-store';

/**
 * Set-based reads and writes of many contacts of one portal in one transaction: each function is one
 * statement for the whole set, whatever its size, so a batch costs a few round trips rather than a few per
 * contact. Rows go in as one JSON parameter expanded by jsonb_to_recordset (no bind-parameter limit).
 */

const json = (rows: readonly unknown[]) => JSON.stringify(rows);

/**
 * A timestamp as epoch milliseconds: read as a number, it skips parsing a date string per row (the bulk of a
 * large read). Activity and ledger times are stored from whole milliseconds, so rounding gives them back exactly.
 */
const EPOCH_MS = (column: string) => `round(date_part('epoch', ${column}) * 1000)`;

/** The columns of a ContactRow (a large read skips parsing the others). */
const CONTACT_ROW =
  'portal_id, contact_id, facts, facts_loaded, status, status_since, score, fit_score, engagement_score, grade, reasons, settings_version, scored_at, written';

/** Locks the contacts' rows for this transaction, creating the new ones; in id order, so concurrent batches never deadlock. */
export async function lockContacts(tx: Queryable, portalId: number, contactIds: readonly number[]): Promise<Map<number, ContactRow>> {
  const ids = [...new Set(contactIds)].sort((a, b) => a - b);
  if (ids.length === 0) return new Map();
  await tx.query(
    'INSERT INTO contacts (portal_id, contact_id) SELECT $1, id FROM unnest($2::bigint[]) AS u(id) ORDER BY id ON CONFLICT DO NOTHING',
    [portalId, ids],
  );
  return lockKnownContacts(tx, portalId, ids);
}

/** Locks the rows of those of the contacts the portal has (in id order); contacts it does not have are left out, not created. */
export async function lockKnownContacts(tx: Queryable, portalId: number, contactIds: readonly number[]): Promise<Map<number, ContactRow>> {
  if (contactIds.length === 0) return new Map();
  const rows = await tx.query<ContactRow>(
    `SELECT ${CONTACT_ROW} FROM contacts WHERE portal_id = $1 AND contact_id = ANY($2::bigint[]) ORDER BY contact_id FOR UPDATE`,
    [portalId, contactIds],
  );
  return new Map(rows.map((row) => [row.contact_id, row]));
}

export interface ContactActivity {
  contactId: number;
  activity: Activity;
}

/**
 * Stores activities by (contact, key): a new key is added; a known one keeps the earliest time it was seen at
 * (so the history does not depend on which event was processed first) and its ledger rows move with it.
 * Returns the activities that were new: the ones to award points for.
 */
export async function upsertActivities(tx: Queryable, portalId: number, given: readonly ContactActivity[]): Promise<ContactActivity[]> {
  if (given.length === 0) return [];
  // One row per key in the statement (PostgreSQL updates a row once per statement): the earliest of each.
  const earliest = new Map<string, ContactActivity>();
  for (const item of given) {
    const id = `${item.contactId}:${item.activity.key}`;
    const known = earliest.get(id);
    if (!known || item.activity.occurredAt < known.activity.occurredAt) earliest.set(id, item);
  }
  const items = [...earliest.values()];
  const rows = await tx.query<{ contact_id: number; activity_key: string; added: boolean }>(
    `INSERT INTO activities AS a (portal_id, contact_id, activity_key, type, occurred_at, detail)
     SELECT $1, c, k, t, to_timestamp(o / 1000.0), d FROM jsonb_to_recordset($2::jsonb) AS r(c bigint, k text, t text, o float8, d jsonb)
     ON CONFLICT (portal_id, contact_id, activity_key) DO UPDATE SET occurred_at = EXCLUDED.occurred_at
       WHERE a.occurred_at > EXCLUDED.occurred_at
     RETURNING contact_id, activity_key, (xmax = 0) AS added`,
    [portalId, json(items.map(({ contactId, activity }) => ({ c: contactId, k: activity.key, t: activity.type, o: activity.occurredAt, d: activity.detail })))],
  );
  const moved = rows.filter((row) => !row.added);
  if (moved.length > 0) {
    await tx.query(
      `UPDATE score_ledger l SET occurred_at = a.occurred_at
       FROM jsonb_to_recordset($2::jsonb) AS m(c bigint, k text), activities a
       WHERE l.portal_id = $1 AND l.contact_id = m.c AND l.source_key = m.k
         AND a.portal_id = $1 AND a.contact_id = m.c AND a.activity_key = m.k`,
      [portalId, json(moved.map((row) => ({ c: row.contact_id, k: row.activity_key })))],
    );
  }
  const added = new Set(rows.filter((row) => row.added).map((row) => `${row.contact_id}:${row.activity_key}`));
  return items.filter((item) => added.has(`${item.contactId}:${item.activity.key}`));
}

/** Ledger rows per statement: a large model awards many per activity, and one statement cannot be split. */
const LEDGER_ROWS_PER_STATEMENT = 5_000;

export interface ContactLedgerEntry {
  contactId: number;
  entry: LedgerEntry;
}

/** Adds the points activities earned; an entry already there is kept. */
export async function insertLedgerEntries(tx: Queryable, portalId: number, entries: readonly ContactLedgerEntry[]): Promise<void> {
  for (let start = 0; start < entries.length; start += LEDGER_ROWS_PER_STATEMENT) {
    const slice = entries.slice(start, start + LEDGER_ROWS_PER_STATEMENT);
    await tx.query(
      `INSERT INTO score_ledger (portal_id, contact_id, source_key, rule_id, points, occurred_at)
       SELECT $1, c, s, r, p, to_timestamp(o / 1000.0) FROM jsonb_to_recordset($2::jsonb) AS x(c bigint, s text, r text, p float8, o float8)
       ON CONFLICT DO NOTHING`,
      [portalId, json(slice.map(({ contactId, entry }) => ({ c: contactId, s: entry.sourceKey, r: entry.ruleId, p: entry.points, o: entry.occurredAt })))],
    );
  }
}

/** Groups rows by contact, every asked-for contact present (with nothing, when it has no rows). */
function byContact<Row extends { contact_id: number }, T>(ids: readonly number[], rows: readonly Row[], map: (row: Row) => T): Map<number, T[]> {
  const grouped = new Map(ids.map((id) => [id, [] as T[]]));
  for (const row of rows) grouped.get(row.contact_id)?.push(map(row));
  return grouped;
}

export async function loadActivitiesOf(tx: Queryable, portalId: number, contactIds: readonly number[]): Promise<Map<number, Activity[]>> {
  const rows = await tx.query<{ contact_id: number; activity_key: string; type: string; at: number; detail: Record<string, string> }>(
    `SELECT contact_id, activity_key, type, ${EPOCH_MS('occurred_at')} AS at, detail FROM activities WHERE portal_id = $1 AND contact_id = ANY($2::bigint[])`,
    [portalId, contactIds],
  );
  return byContact(contactIds, rows, (row) => ({ key: row.activity_key, type: row.type, occurredAt: row.at, detail: row.detail }));
}

/** An activity as stored, with the ledger entries it holds (every ledger row belongs to an activity of its contact: they are written and purged together). */
export interface StoredActivity {
  activity: Activity;
  /** Points by rule id of its ledger entries. */
  awarded: Record<string, number>;
  /** Its ledger entries all carry its time. */
  awardedInTime: boolean;
}

/** One row of an activity's ledger join as the read below sends it: key, type, time, detail, and a ledger entry's rule, points and whether it carries the activity's time. */
type ActivityLedgerRow = [string, string, number, Record<string, string>, string | null, number | null, boolean | null];

/**
 * The contacts' activities with their ledger entries, in one read: a rescore compares what they earn under a
 * new model with what they hold. Each contact's rows come as one JSON array, which costs the process far less
 * to take in than a result row per entry.
 */
export async function loadActivitiesWithLedgers(tx: Queryable, portalId: number, contactIds: readonly number[]): Promise<Map<number, StoredActivity[]>> {
  // The contacts are named on both sides of the join, so the planner reads just their ledger rows (a hash
  // join of two index reads) rather than probing the ledger once per activity or scanning it whole.
  const rows = await tx.query<{ contact_id: number; activities: ActivityLedgerRow[] }>(
    `SELECT a.contact_id, json_agg(json_build_array(a.activity_key, a.type, ${EPOCH_MS('a.occurred_at')}, a.detail,
         l.rule_id, l.points, l.occurred_at = a.occurred_at) ORDER BY a.activity_key) AS activities
     FROM activities a LEFT JOIN score_ledger l
       ON l.portal_id = $1 AND l.contact_id = ANY($2::bigint[]) AND l.contact_id = a.contact_id AND l.source_key = a.activity_key
     WHERE a.portal_id = $1 AND a.contact_id = ANY($2::bigint[])
     GROUP BY a.contact_id`,
    [portalId, contactIds],
  );
  const grouped = new Map(contactIds.map((id) => [id, [] as StoredActivity[]]));
  for (const { contact_id: contactId, activities } of rows) {
    const stored = grouped.get(contactId)!;
    let current: StoredActivity | undefined;
    // Ordered by key: an activity's entries are adjacent.
    for (const [key, type, occurredAt, detail, ruleId, points, inTime] of activities) {
      if (current?.activity.key !== key) {
        current = { activity: { key, type, occurredAt, detail }, awarded: {}, awardedInTime: true };
        stored.push(current);
      }
      if (ruleId === null) continue;
      current.awarded[ruleId] = points!;
      if (!inTime) current.awardedInTime = false;
    }
  }
  return grouped;
}

/** Replaces the ledger entries of the given activities (after a model change) with `entries`. */
export async function replaceActivityLedgers(
  tx: Queryable,
  portalId: number,
  activities: ReadonlyArray<{ contactId: number; key: string }>,
  entries: readonly ContactLedgerEntry[],
): Promise<void> {
  for (let start = 0; start < activities.length; start += LEDGER_ROWS_PER_STATEMENT) {
    const slice = activities.slice(start, start + LEDGER_ROWS_PER_STATEMENT);
    await tx.query(
      `DELETE FROM score_ledger l USING jsonb_to_recordset($2::jsonb) AS x(c bigint, k text)
       WHERE l.portal_id = $1 AND l.contact_id = x.c AND l.source_key = x.k`,
      [portalId, json(slice.map(({ contactId, key }) => ({ c: contactId, k: key })))],
    );
  }
  await insertLedgerEntries(tx, portalId, entries);
}

export async function loadLedgers(tx: Queryable, portalId: number, contactIds: readonly number[]): Promise<Map<number, LedgerEntry[]>> {
  const rows = await tx.query<{ contact_id: number; source_key: string; rule_id: string; points: number; at: number }>(
    `SELECT contact_id, source_key, rule_id, points, ${EPOCH_MS('occurred_at')} AS at FROM score_ledger WHERE portal_id = $1 AND contact_id = ANY($2::bigint[])`,
    [portalId, contactIds],
  );
  return byContact(contactIds, rows, (row) => ({ sourceKey: row.source_key, ruleId: row.rule_id, points: row.points, occurredAt: row.at }));
}

export async function loadDecisionsOf(tx: Queryable, portalId: number, contactIds: readonly number[]): Promise<Map<number, Decision[]>> {
  const rows = await tx.query<DecisionRow & { contact_id: number }>(
    `SELECT contact_id, kind, decided_at, decided_by, reason FROM lead_decisions
     WHERE portal_id = $1 AND contact_id = ANY($2::bigint[]) ORDER BY decided_at, id`,
    [portalId, contactIds],
  );
  return byContact(contactIds, rows, decisionOf);
}

/** Each contact's latest routing decision, for those ever routed. */
export async function latestAssignments(tx: Queryable, portalId: number, contactIds: readonly number[]): Promise<Map<number, AssignmentRow>> {
  const rows = await tx.query<AssignmentRow & { contact_id: number }>(
    `SELECT DISTINCT ON (contact_id) contact_id, kind, owner_id, pool_id, rule_id, reason, decided_at, priority FROM assignments
     WHERE portal_id = $1 AND contact_id = ANY($2::bigint[]) ORDER BY contact_id, id DESC`,
    [portalId, contactIds],
  );
  return new Map(rows.map(({ contact_id, ...row }) => [contact_id, row]));
}

/** Each contact's current first-touch clock, for those that have one. */
export async function latestClocks(tx: Queryable, portalId: number, contactIds: readonly number[]): Promise<Map<number, SlaClock>> {
  const rows = await tx.query<{ contact_id: number; clock: SlaClock }>(
    `SELECT DISTINCT ON (contact_id) contact_id, clock FROM sla_clocks
     WHERE portal_id = $1 AND contact_id = ANY($2::bigint[]) ORDER BY contact_id, id DESC`,
    [portalId, contactIds],
  );
  return new Map(rows.map((row) => [row.contact_id, row.clock]));
}

export async function saveContactStates(tx: Queryable, portalId: number, states: ReadonlyArray<{ contactId: number; state: ContactState }>): Promise<void> {
  if (states.length === 0) return;
  await tx.query(
    `UPDATE contacts c SET facts = coalesce(s.facts, c.facts), facts_loaded = s.facts_loaded, status = s.status, status_since = s.status_since,
       score = s.score, fit_score = s.fit, engagement_score = s.engagement, grade = s.grade, reasons = s.reasons,
       settings_version = s.settings_version, scored_at = s.scored_at, updated_at = s.scored_at
     FROM jsonb_to_recordset($2::jsonb) AS s(contact_id bigint, facts jsonb, facts_loaded boolean, status text, status_since timestamptz,
       score int, fit int, engagement int, grade text, reasons text, settings_version int, scored_at timestamptz)
     WHERE c.portal_id = $1 AND c.contact_id = s.contact_id`,
    [
      portalId,
      json(
        states.map(({ contactId, state }) => ({
          contact_id: contactId,
          facts: state.facts,
          facts_loaded: state.factsLoaded,
          status: state.status,
          status_since: state.statusSince?.toISOString() ?? null,
          score: Math.round(state.score),
          fit: Math.round(state.fit),
          engagement: Math.round(state.engagement),
          grade: state.grade,
          reasons: state.reasons,
          settings_version: state.settingsVersion,
          scored_at: state.scoredAt.toISOString(),
        })),
      ),
    ],
  );
}

/** Records that the contacts were scored at `scoredAt` with nothing else to save (their stored state stands). */
export async function markScored(tx: Queryable, portalId: number, contactIds: readonly number[], scoredAt: Date): Promise<void> {
  if (contactIds.length === 0) return;
  await tx.query('UPDATE contacts SET scored_at = $3 WHERE portal_id = $1 AND contact_id = ANY($2::bigint[])', [portalId, contactIds, scoredAt]);
}

export interface Transition {
  contactId: number;
  from: string;
  to: string;
  at: Date;
  reason: string;
}

export async function recordTransitions(tx: Queryable, portalId: number, transitions: readonly Transition[]): Promise<void> {
  if (transitions.length === 0) return;
  await tx.query(
    `INSERT INTO status_transitions (portal_id, contact_id, from_status, to_status, at, reason)
     SELECT $1, c, f, t, a, r FROM jsonb_to_recordset($2::jsonb) AS x(c bigint, f text, t text, a timestamptz, r text)`,
    [portalId, json(transitions.map((t) => ({ c: t.contactId, f: t.from, t: t.to, a: t.at.toISOString(), r: t.reason })))],
  );
}

/** Sets the contacts' desired HubSpot values (replacing any not yet written) and clears the outbox of those with nothing to write. */
export async function writeOutboxes(
  tx: Queryable,
  portalId: number,
  desired: ReadonlyArray<{ contactId: number; properties: Record<string, string> }>,
  unchanged: readonly number[],
  now: Date,
): Promise<void> {
  if (desired.length > 0) {
    await tx.query(
      `INSERT INTO outbox (portal_id, contact_id, properties, updated_at, available_at)
       SELECT $1, c, p, $3, $3 FROM jsonb_to_recordset($2::jsonb) AS x(c bigint, p jsonb)
       ON CONFLICT (portal_id, contact_id) DO UPDATE SET properties = EXCLUDED.properties, updated_at = EXCLUDED.updated_at,
         available_at = LEAST(outbox.available_at, EXCLUDED.available_at), attempts = 0, last_error = NULL`,
      [portalId, json(desired.map((d) => ({ c: d.contactId, p: d.properties }))), now],
    );
  }
  if (unchanged.length > 0) await tx.query('DELETE FROM outbox WHERE portal_id = $1 AND contact_id = ANY($2::bigint[])', [portalId, unchanged]);
}
