import { countLedger, DEFAULT_SCORING_MODEL, EngagementTimeline, evaluate, type ScoringModel } from '../../../src/domain/scoring';
import { DAY, MONDAY, randomLedger } from '../support/scoring-fixtures';

const linearModel: ScoringModel = {
  ...DEFAULT_SCORING_MODEL,
  groups: DEFAULT_SCORING_MODEL.groups.map((g) => (g.id === 'website' ? { ...g, decay: { kind: 'linear', percent: 10, everyDays: 7 } } : g)),
};

describe('EngagementTimeline', () => {
  it.each([
    ['default model', DEFAULT_SCORING_MODEL, 1],
    ['default model, long history', DEFAULT_SCORING_MODEL, 2],
    ['with linear decay', linearModel, 3],
  ])('agrees with evaluate at every step (%s)', (_name, model, seed) => {
    const ledger = randomLedger(model, seed, 150, MONDAY, 200);
    const until = MONDAY + 260 * DAY;
    const timeline = new EngagementTimeline(countLedger(model, ledger, until), model.engagementCap);
    const times = [...new Set(ledger.map((e) => e.occurredAt))].sort((a, b) => a - b).concat(until);
    for (const at of times) {
      expect(Math.round(timeline.at(at))).toBe(evaluate(model, ledger, {}, at).engagement);
    }
  });

  it('counts only points earned after a restart, then all of them again', () => {
    const ledger = randomLedger(DEFAULT_SCORING_MODEL, 4, 60, MONDAY, 30);
    const timeline = new EngagementTimeline(countLedger(DEFAULT_SCORING_MODEL, ledger, MONDAY + 40 * DAY), DEFAULT_SCORING_MODEL.engagementCap);
    timeline.at(MONDAY + 10 * DAY);
    timeline.restart(MONDAY + 40 * DAY);
    expect(timeline.at(MONDAY + 40 * DAY)).toBe(0);
    expect(timeline.hasEarnedPoints).toBe(false);
    timeline.restart(undefined);
    expect(Math.round(timeline.at(MONDAY + 40 * DAY))).toBe(evaluate(DEFAULT_SCORING_MODEL, ledger, {}, MONDAY + 40 * DAY).engagement);
  });
});
