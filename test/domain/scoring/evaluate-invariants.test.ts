import { DEFAULT_SCORING_MODEL, evaluate } from '../../../src/domain/scoring';
import { DAY, MONDAY, randomLedger, shuffled } from '../support/scoring-fixtures';

const FACTS = { industry: 'Computer Software', numemployees: '50-100', country: 'Germany', jobtitle: 'Marketing Manager' };
const START = MONDAY;

describe('evaluate: invariants (default model, seeded ledgers)', () => {
  const cases = [1, 2, 3, 4, 5].map((seed) => ({
    seed,
    ledger: randomLedger(DEFAULT_SCORING_MODEL, seed, 40 * seed, START, 90),
    now: START + (30 + seed * 20) * DAY,
  }));

  it.each(cases)('seed $seed: the result does not depend on ledger order (50 shuffles)', ({ ledger, now }) => {
    const expected = evaluate(DEFAULT_SCORING_MODEL, ledger, FACTS, now);
    for (let shuffle = 0; shuffle < 50; shuffle++) {
      expect(evaluate(DEFAULT_SCORING_MODEL, shuffled(ledger, shuffle), FACTS, now)).toEqual(expected);
    }
  });

  it.each(cases)('seed $seed: totals equal the ledger’s contributions, in whole numbers', ({ ledger, now }) => {
    for (const at of [START, now - 45 * DAY, now, now + 200 * DAY]) {
      const result = evaluate(DEFAULT_SCORING_MODEL, ledger, FACTS, at);
      const sum = (kind: 'fit' | 'engagement') => result.contributions.filter((c) => c.kind === kind).reduce((s, c) => s + c.points, 0);
      expect(sum('fit')).toBe(result.fit);
      expect(sum('engagement')).toBe(result.engagement);
      expect(result.total).toBe(result.fit + result.engagement);
      expect(result.contributions.every((c) => Number.isInteger(c.points) && !Object.is(c.points, -0))).toBe(true);
      expect(result.engagement).toBeLessThanOrEqual(DEFAULT_SCORING_MODEL.engagementCap ?? Infinity);
    }
  });

  it('does not change the ledger it is given', () => {
    const ledger = randomLedger(DEFAULT_SCORING_MODEL, 9, 50, START, 30);
    const copy = structuredClone(ledger);
    evaluate(DEFAULT_SCORING_MODEL, ledger, FACTS, START + 40 * DAY);
    expect(ledger).toEqual(copy);
  });
});
