import type { Activity, ContactFacts } from '../activities';
import { qualify, type Decision, type LeadStatus } from '../qualification';
import { award, type ScoringModel } from '../scoring';

/** Everything stored about one lead that a model is replayed over. */
export interface LeadHistory {
  activities: readonly Activity[];
  facts: ContactFacts;
  decisions: readonly Decision[];
}

export interface PreviewBand {
  band: string;
  contacts: number;
  convertedBefore: number;
  convertedAfter: number;
}

export interface PreviewResult {
  contacts: number;
  changedStatus: number;
  before: Record<LeadStatus, number>;
  after: Record<LeadStatus, number>;
  /** Contacts per 20-point score band under each model, with how many of them became opportunities or customers. */
  bands: PreviewBand[];
}

const STATUSES: LeadStatus[] = ['new', 'mql', 'sql', 'cooling', 'recycled', 'disqualified'];
const CONVERTED_STAGES = new Set(['opportunity', 'customer', 'evangelist']);
const BAND_WIDTH = 20;
const TOP_BAND = 100;

/** A lead's status and score under a model, replayed from its stored history: what publishing it would give. */
export function replayLead(model: ScoringModel, history: LeadHistory, now: number): { status: LeadStatus; total: number } {
  const ledger = history.activities.flatMap((activity) => award(model, activity));
  const { status, score } = qualify(model, ledger, history.facts, history.decisions, now);
  return { status, total: score.total };
}

export function bandOf(total: number): string {
  if (total < 0) return '<0';
  if (total >= TOP_BAND) return `${TOP_BAND}+`;
  const low = Math.floor(total / BAND_WIDTH) * BAND_WIDTH;
  return `${low}-${low + BAND_WIDTH - 1}`;
}

/** What a draft model would change against the live one, over the portal's own history ("what if"). */
export function previewModel(live: ScoringModel, draft: ScoringModel, histories: readonly LeadHistory[], now: number): PreviewResult {
  const zero = () => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<LeadStatus, number>;
  const before = zero();
  const after = zero();
  const bands = new Map<string, PreviewBand>();
  const band = (name: string) => {
    const entry = bands.get(name) ?? { band: name, contacts: 0, convertedBefore: 0, convertedAfter: 0 };
    bands.set(name, entry);
    return entry;
  };
  let changedStatus = 0;
  for (const history of histories) {
    const was = replayLead(live, history, now);
    const will = replayLead(draft, history, now);
    before[was.status] += 1;
    after[will.status] += 1;
    if (was.status !== will.status) changedStatus += 1;
    const converted = CONVERTED_STAGES.has(history.facts.lifecyclestage ?? '');
    band(bandOf(will.total)).contacts += 1;
    if (converted) {
      band(bandOf(was.total)).convertedBefore += 1;
      band(bandOf(will.total)).convertedAfter += 1;
    }
  }
  const order = (name: string) => (name === '<0' ? -1 : Number.parseInt(name, 10));
  return {
    contacts: histories.length,
    changedStatus,
    before,
    after,
    bands: [...bands.values()].sort((a, b) => order(a.band) - order(b.band)),
  };
}
