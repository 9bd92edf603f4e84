import { DEFAULT_ACTIVITY_MAPPING } from '../../../src/domain/activities';
import { scoringModelSchema, type LedgerEntry, type ScoringModel } from '../../../src/domain/scoring';
import { seededRandom } from '../../../src/sandbox/random';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** Monday 2025-01-06 00:00 UTC. */
export const MONDAY = Date.UTC(2025, 0, 6);

/** A small model with round numbers: no decay, no caps unless a test adds them. */
export function testModel(overrides: Partial<ScoringModel> = {}): ScoringModel {
  return scoringModelSchema.parse({
    groups: [],
    engagementRules: [
      { id: 'open', label: 'Email open', activity: 'email_open', points: 2 },
      { id: 'visit', label: 'Site visit', activity: 'page_view', points: 5 },
      { id: 'pricing', label: 'Pricing page', activity: 'pricing_page_view', points: 10 },
      { id: 'webinar', label: 'Webinar', activity: 'form_submission', when: { field: 'form', op: 'contains', value: 'webinar' }, points: 25 },
      { id: 'unsubscribe', label: 'Unsubscribed', activity: 'unsubscribe', points: -5 },
    ],
    fitRules: [
      { id: 'industry', label: 'Industry', property: 'industry', op: 'eq', value: 'Software', points: 15 },
      { id: 'size', label: 'Company size', property: 'numemployees', op: 'range', min: 50, max: 100, points: 10 },
    ],
    fitGrades: { A: 25, B: 15, C: 5 },
    thresholds: { mql: 60, sql: 90, minGradeForSql: 'B' },
    mapping: DEFAULT_ACTIVITY_MAPPING,
    ...overrides,
  });
}

let sequence = 0;
/** A ledger entry with a unique source key unless one is given. */
export function entry(ruleId: string, points: number, occurredAt: number, sourceKey = `src-${++sequence}`): LedgerEntry {
  return { sourceKey, ruleId, points, occurredAt };
}

/** The same items in a seeded random order (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** A seeded, varied ledger for the default model: every rule, bursts within a day, spread over `days`. */
export function randomLedger(model: ScoringModel, seed: number, size: number, start: number, days: number): LedgerEntry[] {
  const random = seededRandom(seed);
  return Array.from({ length: size }, (_, i) => {
    const rule = model.engagementRules[Math.floor(random() * model.engagementRules.length)]!;
    const occurredAt = start + Math.floor(random() * days) * DAY + Math.floor(random() * 4) * HOUR;
    return { sourceKey: `event-${i}`, ruleId: rule.id, points: rule.points, occurredAt };
  });
}
