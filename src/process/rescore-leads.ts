import type { ContactFacts } from '../domain/activities';
import { qualify } from '../domain/qualification';
import { explain, type LedgerEntry } from '../domain/scoring';
import { assignmentProperties, changedProperties, desiredProperties, slaProperties } from '../domain/write-back/desired-properties';
import { latestAssignments, latestClocks, loadDecisionsOf, recordTransitions, saveContactStates, writeOutboxes, type Transition } from '../store/contact-batches';
import type { Queryable } from '../store/db';
import type { ContactRow, ContactState } from '../store/lead-store';
import { yieldWhenBusy } from '../yield-when-busy';
import type { ProcessContext } from './settle-contacts';
import { requestRouting } from '../leads/route-sales-ready';
import { closeSlaClock } from '../leads/sla-clocks';

/** A contact locked in the caller's transaction, with what its lead is judged from now. */
export interface LeadBasis {
  row: ContactRow;
  facts: ContactFacts;
  factsLoaded: boolean;
  ledger: readonly LedgerEntry[];
}

export interface LeadOutcome {
  status: string;
  statusChanged: boolean;
  /** Its stored state (score, status, reasons, facts…) differed and was saved. */
  stateChanged: boolean;
  outboxChanged: boolean;
  /** Became sales-ready and waits for its company's owner to be read before it is routed (see routeWaitingLeads). */
  awaitingRouting: boolean;
}

const sameFacts = (a: ContactFacts, b: ContactFacts): boolean => {
  if (a === b) return true;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
};

/** Whether the row already holds `state`, facts aside (compared apart); when and under which version it was scored are not part of a state. */
function sameState(row: ContactRow, state: ContactState): boolean {
  return (
    row.status === state.status &&
    (row.status_since?.getTime() ?? null) === (state.statusSince?.getTime() ?? null) &&
    row.score === Math.round(state.score) &&
    row.fit_score === Math.round(state.fit) &&
    row.engagement_score === Math.round(state.engagement) &&
    row.grade === state.grade &&
    row.reasons === state.reasons &&
    row.facts_loaded === state.factsLoaded
  );
}

/**
 * Every lead rescored from its ledger at `now`, with a few statements for the whole set: status changes
 * recorded (a lead becoming sales-ready is routed), the stored state saved for the contacts where it changed,
 * and the desired HubSpot values queued for those where they differ from what HubSpot was last given. A
 * contact whose result is what it already holds is not written at all (its scored_at and settings_version
 * keep saying when, and under which version, its state was last set).
 */
export async function rescoreLeads(tx: Queryable, ctx: ProcessContext, leads: ReadonlyMap<number, LeadBasis>): Promise<Map<number, LeadOutcome>> {
  const { portalId, live, now } = ctx;
  const { scoring, writeBack } = live.settings;
  const ids = [...leads.keys()].sort((a, b) => a - b);
  const decisions = await loadDecisionsOf(tx, portalId, ids);
  const outcomes = new Map<number, LeadOutcome>();
  const states: Array<{ contactId: number; state: ContactState }> = [];
  const transitions: Transition[] = [];
  const scored = new Map<number, { status: string; total: number; fit: number; engagement: number; grade: string; reasons: string; facts: ContactFacts }>();
  for (const contactId of ids) {
    // Scoring a large model is CPU work: a large set gives the event loop its turns between leads.
    await yieldWhenBusy();
    const { row, facts, factsLoaded, ledger } = leads.get(contactId)!;
    const { status, transitions: replayed, score } = qualify(scoring, ledger, facts, decisions.get(contactId)!, now.getTime());
    const statusChanged = status !== row.status;
    const last = replayed[replayed.length - 1];
    if (statusChanged) transitions.push({ contactId, from: row.status, to: status, at: last ? new Date(last.at) : now, reason: last?.reason ?? 'rescored' });
    let awaitingRouting = false;
    if (statusChanged && status === 'sql') {
      const lead = { contactId: String(contactId), properties: facts, score: { total: score.total, fit: score.fit, engagement: score.engagement }, grade: score.grade, status };
      awaitingRouting = await requestRouting(tx, portalId, live, lead, now);
    }
    // Handed back (recycled, disqualified): the first-touch clock stops.
    if (statusChanged && row.status === 'sql' && status !== 'sql') await closeSlaClock(tx, portalId, contactId, 'recycled', now);
    const reasons = explain(score);
    const factsChanged = !sameFacts(row.facts, facts);
    const state: ContactState = {
      ...(factsChanged ? { facts } : {}),
      factsLoaded,
      status,
      // The replay says since when: an earlier event learnt later moves it, even when the status stays.
      statusSince: last ? new Date(last.at) : null,
      score: score.total,
      fit: score.fit,
      engagement: score.engagement,
      grade: score.grade,
      reasons,
      settingsVersion: live.version,
      scoredAt: now,
    };
    const stateChanged = factsChanged || !sameState(row, state);
    if (stateChanged) states.push({ contactId, state });
    scored.set(contactId, { status, total: score.total, fit: score.fit, engagement: score.engagement, grade: score.grade, reasons, facts });
    outcomes.set(contactId, { status, statusChanged, stateChanged, outboxChanged: false, awaitingRouting });
  }
  await recordTransitions(tx, portalId, transitions);
  await saveContactStates(tx, portalId, states);

  // Read after routing and clock changes above, so the desired values include what they decided.
  const assignments = await latestAssignments(tx, portalId, ids);
  const clocks = await latestClocks(tx, portalId, ids);
  const desired: Array<{ contactId: number; properties: Record<string, string> }> = [];
  const unchanged: number[] = [];
  for (const contactId of ids) {
    const lead = scored.get(contactId)!;
    const properties = {
      ...desiredProperties(lead, lead.facts.lifecyclestage, writeBack, live.lifecycleStages),
      ...assignmentProperties(assignments.get(contactId)),
      ...slaProperties(clocks.get(contactId)),
    };
    const changed = Object.keys(changedProperties(properties, leads.get(contactId)!.row.written)).length > 0;
    if (changed) desired.push({ contactId, properties });
    else unchanged.push(contactId);
    outcomes.get(contactId)!.outboxChanged = changed;
  }
  await writeOutboxes(tx, portalId, desired, unchanged, now);
  return outcomes;
}
