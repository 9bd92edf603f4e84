import type { Lead } from '../../src/shared/types';

export function aLead(overrides: Partial<Lead> = {}): Lead {
  return {
    contactId: '123',
    score: 72,
    fit: 30,
    engagement: 42,
    grade: 'B',
    status: 'mql',
    statusSince: '2025-03-04T15:00:00.000Z',
    reasons: [
      { ruleId: 'email_open', label: 'Email open', kind: 'engagement', count: 6, points: 9 },
      { ruleId: 'pricing_page', label: 'Pricing page', kind: 'engagement', count: 2, points: 18 },
      { ruleId: 'target_industry', label: 'Industry', kind: 'fit', count: 1, points: 15 },
      { ruleId: 'careers_page', label: 'Careers page', kind: 'engagement', count: 1, points: -10 },
      { ruleId: 'phone_given', label: 'Phone number given', kind: 'fit', count: 1, points: 5 },
      { ruleId: 'site_visit', label: 'Site visit', kind: 'engagement', count: 3, points: 4 },
      { ruleId: 'newsletter', label: 'Newsletter signup', kind: 'engagement', count: 1, points: 1 },
    ],
    thresholds: { mql: 60, sql: 90, minGradeForSql: 'B' },
    next: { label: 'SQL', at: 90, remaining: 18 },
    trend: [
      { date: '2025-03-01', score: 40 },
      { date: '2025-03-02', score: 55 },
      { date: '2025-03-03', score: 72 },
    ],
    updatedAt: '2025-03-04T15:05:00.000Z',
    writeRejection: null,
    ...overrides,
  };
}
