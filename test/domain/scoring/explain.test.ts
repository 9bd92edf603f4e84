import { explain, type Contribution, type ScoreResult } from '../../../src/domain/scoring';

const contribution = (label: string, points: number, count = 1, kind: Contribution['kind'] = 'engagement'): Contribution => ({
  ruleId: label.toLowerCase().replace(/[^a-z]+/g, '_'),
  label,
  kind,
  count,
  points,
});

const result = (contributions: Contribution[]): ScoreResult => ({ fit: 0, engagement: 0, total: 0, grade: 'D', contributions });

describe('explain', () => {
  it.each<[string, Contribution[], number | undefined, string]>([
    [
      'top contributors with counts and signs',
      [contribution('Webinar', 25), contribution('Pricing page', 20, 2), contribution('Industry: Software', 15, 1, 'fit'), contribution('Unsubscribed', -5)],
      undefined,
      'Webinar +25 · Pricing page ×2 +20 · Industry: Software +15 · Unsubscribed −5',
    ],
    ['at most `limit` of them', [contribution('Webinar', 25), contribution('Pricing page', 20, 2), contribution('Site visit', 5, 3)], 2, 'Webinar +25 · Pricing page ×2 +20'],
    ['contributions decayed to nothing are left out', [contribution('Webinar', 25), contribution('Email open', 0, 3)], undefined, 'Webinar +25'],
    ['nothing to say', [], undefined, 'No points yet'],
  ])('%s', (_name, contributions, limit, text) => {
    expect(explain(result(contributions), limit)).toBe(text);
  });

  it('stays within 500 characters, shortening long labels', () => {
    const long = Array.from({ length: 12 }, (_, i) => contribution(`${'Very long fit label '.repeat(6)}${i}`, 50 - i));
    const text = explain(result(long), 12);
    expect(text.length).toBeLessThanOrEqual(500);
    expect(text.split(' · ').length).toBeGreaterThan(3);
    expect(text).toContain('…');
  });
});
