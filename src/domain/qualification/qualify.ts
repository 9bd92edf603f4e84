import type { ContactFacts } from '../activities/activity';
import { compareText } from '../compare-text';
import { countLedger } from '../scoring/count-ledger';
import { EngagementTimeline } from '../scoring/engagement-timeline';
import { evaluateCounted } from '../scoring/evaluate';
import type { LedgerEntry } from '../scoring/ledger-entry';
import type { ScoreResult } from '../scoring/score-result';
import type { ScoringModel } from '../scoring/scoring-model';
import { decisionOutcome } from './decision-outcome';
import type { Decision, LeadStatus, Transition } from './lead-status';
import { scoreOutcome } from './score-outcome';

const compareDecisions = (a: Decision, b: Decision): number =>
  a.at - b.at || compareText(a.kind, b.kind) || compareText(a.by, b.by) || compareText(a.reason ?? '', b.reason ?? '');

/**
 * The lead's status at `now`, found by replaying its history in time order, so the same ledger
 * and decisions give the same answer whatever order they arrived in. At each distinct time of a
 * ledger entry or decision, then at `now`: the decisions made then apply first, then the score
 * with the entries up to that time moves the state machine. Recycling makes only later points
 * count towards qualifying again; reopening counts all of them again.
 */
export function qualify(
  model: ScoringModel,
  ledger: readonly LedgerEntry[],
  facts: ContactFacts,
  decisions: readonly Decision[],
  now: number,
): { status: LeadStatus; transitions: Transition[]; score: ScoreResult } {
  const counted = countLedger(model, ledger, now);
  const score = evaluateCounted(model, counted, facts, now);
  const timeline = new EngagementTimeline(counted, model.engagementCap);
  const ordered = decisions.filter((d) => d.at <= now).sort(compareDecisions);
  const fellAt = new Set(counted.filter((c) => c.points < 0).map((c) => c.entry.occurredAt));
  const times = [...new Set([...counted.map((c) => c.entry.occurredAt), ...ordered.map((d) => d.at), now])].sort((a, b) => a - b);

  let status = 'new' as LeadStatus;
  let sinceRecycle = false;
  const transitions: Transition[] = [];
  const move = (to: LeadStatus, at: number, reason: string): void => {
    transitions.push({ from: status, to, at, reason });
    status = to;
  };

  let nextDecision = 0;
  for (const time of times) {
    for (; ordered[nextDecision]?.at === time; nextDecision++) {
      const decision = ordered[nextDecision]!;
      const outcome = decisionOutcome(status, decision);
      if (decision.kind === 'recycle' && status !== 'disqualified') {
        sinceRecycle = true;
        timeline.restart(time);
      } else if (decision.kind === 'reopen' && outcome) {
        sinceRecycle = false;
        timeline.restart(undefined);
      }
      if (outcome) move(outcome.to, time, outcome.reason);
    }
    const engagement = timeline.at(time);
    const total = time === now && !sinceRecycle ? score.total : score.fit + Math.round(engagement);
    const outcome = scoreOutcome(
      status,
      { total, grade: score.grade, sinceRecycle, earnedSinceRecycle: timeline.hasEarnedPoints, fell: fellAt.has(time) },
      model.thresholds,
    );
    if (outcome) move(outcome.to, time, outcome.reason);
  }
  return { status, transitions, score };
}
