import type { Contribution, ScoreResult } from './score-result';

const MAX_CHARS = 500;
const MAX_LABEL = 60;
const SEPARATOR = ' \u00b7 ';

const shorten = (label: string): string => (label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}\u2026` : label);

const describe = (c: Contribution): string =>
  `${shorten(c.label)}${c.count > 1 ? ` \u00d7${c.count}` : ''} ${c.points > 0 ? '+' : '\u2212'}${Math.abs(c.points)}`;

/** Short text for the `lm_score_reasons` property (≤ 500 chars): the top contributors with their points now. */
export function explain(result: ScoreResult, limit = 5): string {
  const parts: string[] = [];
  for (const contribution of result.contributions.filter((c) => c.points !== 0).slice(0, limit)) {
    const part = describe(contribution);
    if ([...parts, part].join(SEPARATOR).length > MAX_CHARS) break;
    parts.push(part);
  }
  return parts.length > 0 ? parts.join(SEPARATOR) : 'No points yet';
}
