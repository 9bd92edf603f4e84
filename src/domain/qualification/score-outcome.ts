import { gradeAtLeast } from '../scoring/grade-for-fit';
import type { ScoringModel } from '../scoring/scoring-model';
import type { Grade } from '../scoring/scoring-rules';
import type { LeadStatus } from './lead-status';

export interface ScoreSnapshot {
  total: number;
  grade: Grade;
  /** The total counts only points earned since the lead was recycled. */
  sinceRecycle: boolean;
  /** Positive points were earned since the recycle: a recycled lead only comes back through new points. */
  earnedSinceRecycle: boolean;
  /** Negative points arrived at this step, so the score fell rather than decayed. */
  fell: boolean;
}

/**
 * Where the score takes a lead, or undefined when it stays: the universal lead definition
 * (total ≥ SQL and fit grade good enough) makes it an SQL; total ≥ MQL an MQL; an MQL whose score
 * drops below MQL cools, and comes back once above it. SQL and disqualified never move by score.
 */
export function scoreOutcome(
  status: LeadStatus,
  score: ScoreSnapshot,
  thresholds: ScoringModel['thresholds'],
): { to: LeadStatus; reason: string } | undefined {
  const { mql, sql, minGradeForSql } = thresholds;
  if (status === 'sql' || status === 'disqualified') return undefined;
  if (status === 'recycled' && !score.earnedSinceRecycle) return undefined;

  const scoreText = score.sinceRecycle ? `score since recycle ${score.total}` : `score ${score.total}`;
  if (score.total >= sql && gradeAtLeast(score.grade, minGradeForSql)) {
    return { to: 'sql', reason: `${scoreText} \u2265 SQL ${sql} with fit grade ${score.grade} (${minGradeForSql} or better)` };
  }
  if (status === 'mql') {
    return score.total < mql ? { to: 'cooling', reason: `score ${score.fell ? 'fell' : 'decayed'} to ${score.total} < MQL ${mql}` } : undefined;
  }
  if (score.total < mql) return undefined;
  return { to: 'mql', reason: `${scoreText} \u2265 MQL ${mql}${status === 'cooling' ? ' again' : ''}` };
}
