import { qualify, type Decision } from '../../../src/domain/qualification';
import { DEFAULT_SCORING_MODEL } from '../../../src/domain/scoring';
import { seededRandom } from '../../../src/sandbox/random';
import { DAY, MONDAY, randomLedger, shuffled } from '../support/scoring-fixtures';

const FACTS = { industry: 'Computer Software', numemployees: '50-100', country: 'Germany' };
const KINDS: Decision['kind'][] = ['accept', 'recycle', 'disqualify', 'reopen'];

function randomDecisions(seed: number, count: number, days: number): Decision[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    kind: KINDS[Math.floor(random() * KINDS.length)]!,
    // some on the same day as points, some at the same instant as each other
    at: MONDAY + Math.floor(random() * days) * DAY + (i % 3 === 0 ? 0 : Math.floor(random() * DAY)),
    by: `user:${1 + Math.floor(random() * 3)}`,
    ...(random() < 0.5 ? { reason: 'seeded' } : {}),
  }));
}

describe('qualify: order independence', () => {
  const histories = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => ({
    seed,
    ledger: randomLedger(DEFAULT_SCORING_MODEL, seed, 25 * seed, MONDAY, 120),
    decisions: randomDecisions(seed, seed % 4, 120),
    now: MONDAY + (60 + seed * 15) * DAY,
  }));

  it.each(histories)('seed $seed: the same history in 50 shuffled orders ends in the same state', ({ ledger, decisions, now }) => {
    const expected = qualify(DEFAULT_SCORING_MODEL, ledger, FACTS, decisions, now);
    for (let shuffle = 0; shuffle < 50; shuffle++) {
      const result = qualify(DEFAULT_SCORING_MODEL, shuffled(ledger, shuffle), FACTS, shuffled(decisions, 1000 + shuffle), now);
      expect(result).toEqual(expected);
    }
  });
});
