import { evaluate, type LedgerEntry, type ScoringModel } from '../../../src/domain/scoring';
import { DAY, entry, HOUR, MONDAY, testModel } from '../support/scoring-fixtures';

const NOW = MONDAY + 60 * DAY;

const engagementOf = (model: ScoringModel, ledger: LedgerEntry[], now = NOW) => {
  const result = evaluate(model, ledger, {}, now);
  return { engagement: result.engagement, counts: Object.fromEntries(result.contributions.map((c) => [c.ruleId, [c.count, c.points]])) };
};

const opens = (times: number[]): LedgerEntry[] => times.map((at) => entry('open', 2, at));

describe('evaluate: per-rule caps (UTC calendar periods)', () => {
  const capped = (per: 'day' | 'week' | 'month' | 'ever', max = 3) =>
    testModel({ engagementRules: [{ id: 'open', label: 'Email open', activity: 'email_open', points: 2, cap: { max, per } }] });

  it.each<[string, 'day' | 'week' | 'month' | 'ever', number[], number]>([
    ['4 opens in a day: 3 count', 'day', [0, 1, 2, 3].map((h) => MONDAY + h * HOUR), 3],
    ['the next day counts again', 'day', [0, 1, 2, 3].map((h) => MONDAY + h * HOUR).concat(MONDAY + DAY), 4],
    ['days split at midnight UTC', 'day', [MONDAY - 1, MONDAY - 2, MONDAY - 3, MONDAY, MONDAY + 1], 5],
    ['4 opens in a week: 3 count', 'week', [0, 1, 2, 6].map((d) => MONDAY + d * DAY), 3],
    ['weeks start on Monday', 'week', [MONDAY - DAY, MONDAY - 2 * DAY, MONDAY - 3 * DAY, MONDAY, MONDAY + 6 * DAY], 5],
    ['4 opens in January: 3 count', 'month', [Date.UTC(2025, 0, 1), Date.UTC(2025, 0, 10), Date.UTC(2025, 0, 20), Date.UTC(2025, 0, 31, 23)], 3],
    ['February counts again', 'month', [Date.UTC(2025, 0, 1), Date.UTC(2025, 0, 10), Date.UTC(2025, 0, 20), Date.UTC(2025, 1, 1)], 4],
    ['ever: only the first 3', 'ever', [0, 10, 20, 30, 40].map((d) => MONDAY + d * DAY), 3],
  ])('%s', (_name, per, times, counted) => {
    expect(engagementOf(capped(per), opens(times)).counts.open).toEqual([counted, counted * 2]);
  });

  it('counts the earliest entries of a period, whatever order the ledger is in', () => {
    const times = [3, 1, 0, 2].map((h) => MONDAY + h * HOUR);
    const ledger = times.map((at, i) => entry('open', 2, at, `open-${i}`));
    const model = capped('day', 1);
    const result = evaluate(model, ledger, {}, MONDAY + 4 * HOUR);
    expect(result.contributions).toEqual([{ ruleId: 'open', label: 'Email open', kind: 'engagement', count: 1, points: 2 }]);
  });
});

describe('evaluate: group caps', () => {
  const model = testModel({
    groups: [{ id: 'web', label: 'Website', cap: { maxPoints: 12, per: 'day' } }],
    engagementRules: [
      { id: 'visit', label: 'Site visit', activity: 'page_view', points: 5, group: 'web' },
      { id: 'careers', label: 'Careers page', activity: 'careers_page_view', points: -10, group: 'web' },
    ],
  });

  it.each<[string, LedgerEntry[], number]>([
    ['5 + 5 + 2 of the third visit', [0, 1, 2].map((h) => entry('visit', 5, MONDAY + h * HOUR)), 12],
    ['nothing past the cap that day', [0, 1, 2, 3, 4].map((h) => entry('visit', 5, MONDAY + h * HOUR)), 12],
    ['the next day earns again', [0, 1, 2, 24].map((h) => entry('visit', 5, MONDAY + h * HOUR)), 17],
    [
      'negative points are never capped, nor free room under the cap',
      [entry('visit', 5, MONDAY), entry('careers', -10, MONDAY + HOUR), entry('visit', 5, MONDAY + 2 * HOUR), entry('visit', 5, MONDAY + 3 * HOUR)],
      2,
    ],
  ])('%s', (_name, ledger, engagement) => {
    expect(engagementOf(model, ledger).engagement).toBe(engagement);
  });

  it('counts a visit cut to part of its points, not one cut to nothing', () => {
    const ledger = [0, 1, 2, 3].map((h) => entry('visit', 5, MONDAY + h * HOUR));
    expect(engagementOf(model, ledger).counts.visit).toEqual([3, 12]);
  });
});

describe('evaluate: total engagement cap', () => {
  it.each<[string, number | undefined, LedgerEntry[], number, Record<string, [number, number]>]>([
    ['under the cap', 100, [entry('webinar', 25, MONDAY), entry('pricing', 10, MONDAY)], 35, { webinar: [1, 25], pricing: [1, 10] }],
    [
      'positive points shrink in proportion to the cap',
      50,
      [0, 1, 2, 3].map((d) => entry('webinar', 25, MONDAY + d * DAY)).concat(entry('pricing', 10, MONDAY), entry('pricing', 10, MONDAY + 1)),
      50,
      { webinar: [4, 42], pricing: [2, 8] },
    ],
    [
      'negative points stay whole under the cap',
      50,
      [0, 1, 2, 3].map((d) => entry('webinar', 25, MONDAY + d * DAY)).concat(entry('unsubscribe', -5, MONDAY)),
      50,
      { webinar: [4, 55], unsubscribe: [1, -5] },
    ],
    ['no cap', undefined, [0, 1, 2, 3].map((d) => entry('webinar', 25, MONDAY + d * DAY)), 100, { webinar: [4, 100] }],
  ])('%s', (_name, engagementCap, ledger, engagement, counts) => {
    const model = testModel(engagementCap === undefined ? {} : { engagementCap });
    expect(engagementOf(model, ledger)).toEqual({ engagement, counts });
  });
});

describe('evaluate: which entries count', () => {
  it.each<[string, LedgerEntry[], number]>([
    ['negative points', [entry('unsubscribe', -5, MONDAY)], -5],
    ['entries after now are not history yet', [entry('visit', 5, MONDAY), entry('visit', 5, NOW + 1)], 5],
    ['an entry exactly at now counts', [entry('visit', 5, NOW)], 5],
    ['rules the model no longer has are left out', [entry('visit', 5, MONDAY), entry('retired_rule', 50, MONDAY)], 5],
    ['a (source, rule) pair counts once', [entry('visit', 5, MONDAY, 'page_view:1'), entry('visit', 5, MONDAY + DAY, 'page_view:1')], 5],
    ['the stored points count, not the rule’s current ones', [entry('visit', 7, MONDAY)], 7],
  ])('%s', (_name, ledger, engagement) => {
    expect(evaluate(testModel(), ledger, {}, NOW).engagement).toBe(engagement);
  });
});
