import type { Activity, ContactFacts } from '../activities';
import type { Decision, LeadStatus } from '../qualification';
import type { LeadPreview } from './preview-lead';

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
const BAND_WIDTH = 20;
const TOP_BAND = 100;

export function bandOf(total: number): string {
  if (total < 0) return '<0';
  if (total >= TOP_BAND) return `${TOP_BAND}+`;
  const low = Math.floor(total / BAND_WIDTH) * BAND_WIDTH;
  return `${low}-${low + BAND_WIDTH - 1}`;
}

/**
 * What a draft model would change against the live one, over the portal's own history ("what if"), summed
 * from each lead's previewLead (which the caller computes a lead at a time, so a large portal never holds
 * the process).
 */
export function previewModel(leads: readonly LeadPreview[]): PreviewResult {
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
  for (const { was, will, converted } of leads) {
    before[was.status] += 1;
    after[will.status] += 1;
    if (was.status !== will.status) changedStatus += 1;
    band(bandOf(will.total)).contacts += 1;
    if (converted) {
      band(bandOf(was.total)).convertedBefore += 1;
      band(bandOf(will.total)).convertedAfter += 1;
    }
  }
  const order = (name: string) => (name === '<0' ? -1 : Number.parseInt(name, 10));
  return {
    contacts: leads.length,
    changedStatus,
    before,
    after,
    bands: [...bands.values()].sort((a, b) => order(a.band) - order(b.band)),
  };
}
