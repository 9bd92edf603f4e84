import { qualify, type LeadStatus } from '../qualification';
import { award, type ScoringModel } from '../scoring';
import type { LeadHistory } from './preview-model';

/** One lead under the live and the draft model: its status and score under each, and whether it converted. */
export interface LeadPreview {
  was: { status: LeadStatus; total: number };
  will: { status: LeadStatus; total: number };
  converted: boolean;
}

const CONVERTED_STAGES = new Set(['opportunity', 'customer', 'evangelist']);

/** A lead's status and score under a model, replayed from its stored history: what publishing it would give. */
function replayLead(model: ScoringModel, history: LeadHistory, now: number): { status: LeadStatus; total: number } {
  const ledger = history.activities.flatMap((activity) => award(model, activity));
  const { status, score } = qualify(model, ledger, history.facts, history.decisions, now);
  return { status, total: score.total };
}

/** What a draft model would make of one lead against the live one; previewModel sums these up. */
export function previewLead(live: ScoringModel, draft: ScoringModel, history: LeadHistory, now: number): LeadPreview {
  return {
    was: replayLead(live, history, now),
    will: replayLead(draft, history, now),
    converted: CONVERTED_STAGES.has(history.facts.lifecyclestage ?? ''),
  };
}
