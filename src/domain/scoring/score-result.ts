import type { Grade } from './scoring-rules';

export interface Contribution {
  ruleId: string;
  label: string;
  kind: 'engagement' | 'fit';
  /** Ledger entries that counted (within caps); 1 for a fit rule. */
  count: number;
  /** Points now, after caps and decay; the contributions add up to fit + engagement. */
  points: number;
}

export interface ScoreResult {
  fit: number;
  engagement: number;
  total: number;
  grade: Grade;
  contributions: Contribution[];
}
