import { previewLead, type LeadPreview } from '../domain/preview/preview-lead';
import { previewModel, type PreviewResult } from '../domain/preview/preview-model';
import type { ScoringModel } from '../domain/scoring';
import type { Queryable } from '../store/db';
import { loadLeadHistories } from '../store/lead-histories';
import { yieldWhenBusy } from '../yield-when-busy';

/** Contacts read per round: a few queries each, and never the whole portal in memory at once. */
const CHUNK = 200;

/**
 * A draft model's "what if" over every stored lead of the portal: histories read a chunk at a time, each
 * lead replayed under both models on its own, with the event loop given a turn whenever it is due one,
 * so a large portal or model never keeps the service from answering.
 */
export async function previewPortal(db: Queryable, portalId: number, live: ScoringModel, draft: ScoringModel, now: number): Promise<PreviewResult> {
  const leads: LeadPreview[] = [];
  let after = 0;
  for (;;) {
    const chunk = await loadLeadHistories(db, portalId, after, CHUNK);
    if (chunk.length === 0) break;
    for (const { history } of chunk) {
      leads.push(previewLead(live, draft, history, now));
      await yieldWhenBusy();
    }
    after = chunk[chunk.length - 1]!.contactId;
  }
  return previewModel(leads);
}
