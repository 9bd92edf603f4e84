import { evaluate, type LedgerEntry, type ScoringModel } from '../../../src/domain/scoring';
import { DAY, entry, MONDAY, testModel } from '../support/scoring-fixtures';

const withDecay = (decay: ScoringModel['groups'][number]['decay']): ScoringModel =>
  testModel({
    groups: [{ id: 'behaviour', label: 'Behaviour', decay }],
    engagementRules: [
      { id: 'webinar', label: 'Webinar', activity: 'form_submission', points: 20, group: 'behaviour' },
      { id: 'careers', label: 'Careers page', activity: 'careers_page_view', points: -10, group: 'behaviour' },
      { id: 'visit', label: 'Site visit', activity: 'page_view', points: 5 },
    ],
  });

const engagementAt = (model: ScoringModel, ledger: LedgerEntry[], ageDays: number) =>
  evaluate(model, ledger, {}, MONDAY + ageDays * DAY).engagement;

describe('evaluate: half-life decay', () => {
  const model = withDecay({ kind: 'half_life', days: 30 });
  it.each([
    [0, 20],
    [15, 14], // 20 × 2^-0.5 = 14.14
    [30, 10],
    [60, 5],
    [90, 3], // 2.5 rounds up
    [300, 0],
  ])('20 points are worth %i days later: %i', (age, points) => {
    expect(engagementAt(model, [entry('webinar', 20, MONDAY)], age)).toBe(points);
  });

  it.each([
    [0, -10],
    [30, -5],
    [120, -1], // -0.625
  ])('negative points fade too: %i days later %i', (age, points) => {
    expect(engagementAt(model, [entry('careers', -10, MONDAY)], age)).toBe(points);
  });

  it('leaves rules outside decaying groups whole', () => {
    expect(engagementAt(model, [entry('visit', 5, MONDAY), entry('webinar', 20, MONDAY)], 30)).toBe(15);
  });
});

describe('evaluate: linear decay', () => {
  const model = withDecay({ kind: 'linear', percent: 25, everyDays: 30 });
  it.each([
    [0, 20],
    [29.9, 20],
    [30, 15],
    [59, 15],
    [60, 10],
    [90, 5],
    [120, 0],
    [400, 0],
  ])('20 points with 25%% off every 30 days, %i days later: %i', (age, points) => {
    expect(engagementAt(model, [entry('webinar', 20, MONDAY)], age)).toBe(points);
  });

  it('fades each entry by its own age', () => {
    const ledger = [entry('webinar', 20, MONDAY), entry('webinar', 20, MONDAY + 30 * DAY)];
    expect(engagementAt(model, ledger, 60)).toBe(10 + 15);
  });
});

describe('evaluate: rounding', () => {
  it('rounds once at the end, and the contributions still add up', () => {
    const model = withDecay({ kind: 'half_life', days: 30 });
    const ledger = [entry('webinar', 20, MONDAY), entry('careers', -10, MONDAY + 5 * DAY), entry('visit', 5, MONDAY)];
    const result = evaluate(model, ledger, { industry: 'Software' }, MONDAY + 45 * DAY);
    // 20 × 2^-1.5 = 7.07, -10 × 2^-(40/30) = -3.97, 5 → 8.10
    expect(result.engagement).toBe(8);
    expect(result.contributions.map((c) => [c.ruleId, c.points])).toEqual([
      ['industry', 15],
      ['webinar', 7],
      ['visit', 5],
      ['careers', -4],
    ]);
    expect(result.total).toBe(23);
  });
});
