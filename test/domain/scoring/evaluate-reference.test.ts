import { DEFAULT_ACTIVITY_MAPPING } from '../../../src/domain/activities';
import { countLedger, evaluate, scoringModelSchema, type CapPeriod, type LedgerEntry, type ScoringModel } from '../../../src/domain/scoring';
import { capPeriodOf } from '../../../src/domain/scoring/cap-period';
import { seededRandom } from '../../../src/sandbox/random';
import { referenceCount, referenceEvaluate } from '../support/reference-scoring';
import { DAY, HOUR } from '../support/scoring-fixtures';

const PERIODS: CapPeriod[] = ['day', 'week', 'month', 'ever'];
const ACTIVITIES = ['email_open', 'email_click', 'page_view', 'pricing_page_view', 'form_submission', 'unsubscribe'];
const TEXTS = ['Software', ' software ', 'SOFTWARE', 'Retail', 'Marketing Manager', 'VP marketing', 'cto', '', '  '];
const SIZES = ['75', '50-100', '50–100', '25-50', '1000+', '1,200', '100', 'fifty', ' 60 ', '007'];
/** 2025-01-20 00:00 UTC: ledgers spread over the next months cross month and year-week boundaries. */
const START = Date.UTC(2025, 0, 20);

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const integer = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

/** A valid model with everything chosen at random: caps on rules and groups, decay, negative points, a total cap or none. */
function randomModel(random: Random): ScoringModel {
  const groups = Array.from({ length: integer(random, 0, 3) }, (_, g) => ({
    id: `group_${g}`,
    label: `Group ${g}`,
    ...(random() < 0.6 ? { cap: { maxPoints: integer(random, 1, 30), per: pick(random, PERIODS) } } : {}),
    ...(random() < 0.4
      ? { decay: { kind: 'half_life', days: pick(random, [1, 7, 30, 2.5]) } }
      : random() < 0.6
        ? { decay: { kind: 'linear', percent: pick(random, [10, 25, 33, 100]), everyDays: integer(random, 1, 30) } }
        : {}),
  }));
  // Ids that do not sort in creation order, so ordering by id is exercised.
  const engagementRules = Array.from({ length: integer(random, 1, 6) }, (_, r) => ({
    id: `${pick(random, ['zeta', 'alpha', 'mid'])}_${r}`,
    label: `Rule ${r}`,
    activity: pick(random, ACTIVITIES),
    points: integer(random, -15, 30),
    ...(groups.length > 0 && random() < 0.7 ? { group: pick(random, groups).id } : {}),
    ...(random() < 0.5 ? { cap: { max: integer(random, 1, 4), per: pick(random, PERIODS) } } : {}),
  }));
  const fitRules = [
    { id: 'fit_eq', label: 'Industry', property: 'industry', op: 'eq', value: 'software', points: integer(random, -10, 20) },
    { id: 'fit_in', label: 'Industry', property: 'industry', op: 'in', values: ['Retail', 'SOFTWARE '], points: integer(random, -10, 20) },
    { id: 'fit_contains', label: 'Title', property: 'jobtitle', op: 'contains', value: 'Marketing', points: integer(random, -10, 20) },
    { id: 'fit_exists', label: 'Phone', property: 'phone', op: 'exists', points: integer(random, -10, 20) },
    { id: 'fit_range', label: 'Size', property: 'numemployees', op: 'range', min: 50, max: 100, points: integer(random, -10, 20) },
    { id: 'fit_min', label: 'Size', property: 'numemployees', op: 'range', min: 1000, points: integer(random, -10, 20) },
  ].filter(() => random() < 0.7);
  return scoringModelSchema.parse({
    groups,
    engagementRules,
    ...(random() < 0.5 ? { engagementCap: integer(random, 5, 80) } : {}),
    fitRules,
    fitGrades: { A: 30, B: 15, C: 5 },
    thresholds: { mql: 60, sql: 90, minGradeForSql: 'B' },
    mapping: DEFAULT_ACTIVITY_MAPPING,
  });
}

/**
 * A ledger with repeated sources (some under the same rule, some repeating an entry at its time with
 * other points), a retired rule, ties in time, stored points that differ from the rule's (now and
 * then not whole), and in some ledgers keys that differ only in their middle.
 */
function randomLedger(random: Random, model: ScoringModel): LedgerEntry[] {
  const size = integer(random, 0, 60);
  const keyOf = random() < 0.5 ? (n: number) => `source-${n}` : (n: number) => `form:${String(n).padStart(3, '0')}:submitted`;
  const ledger: LedgerEntry[] = [];
  for (let i = 0; i < size; i++) {
    const rule = random() < 0.05 ? undefined : pick(random, model.engagementRules);
    const points = rule && random() < 0.9 ? rule.points : integer(random, -10, 20);
    const entry = {
      sourceKey: keyOf(integer(random, 0, size)),
      // Retired ids look like live ones: same prefixes, same lengths.
      ruleId: rule?.id ?? `${pick(random, ['zeta', 'alpha', 'mid'])}_${integer(random, 6, 9)}`,
      points: random() < 0.03 ? points + 0.5 : points,
      occurredAt: START + integer(random, 0, 100) * DAY + pick(random, [0, 0, HOUR, 23 * HOUR, DAY - 1]),
    };
    const repeated = ledger.length > 0 && random() < 0.15 ? pick(random, ledger) : undefined;
    ledger.push(repeated ? { ...repeated, points: integer(random, -10, 20), occurredAt: random() < 0.5 ? repeated.occurredAt : entry.occurredAt } : entry);
  }
  return ledger;
}

function randomFacts(random: Random): Record<string, string> {
  const facts: Record<string, string> = {};
  if (random() < 0.8) facts.industry = pick(random, TEXTS);
  if (random() < 0.8) facts.jobtitle = pick(random, TEXTS);
  if (random() < 0.5) facts.phone = pick(random, ['+1 555 0100', ' ', '']);
  if (random() < 0.8) facts.numemployees = pick(random, SIZES);
  return facts;
}

describe('evaluate agrees with a plain reference (600 seeded random models, ledgers and contacts)', () => {
  const cases = Array.from({ length: 600 }, (_, seed) => {
    const random = seededRandom(seed + 1);
    const model = randomModel(random);
    const ledger = randomLedger(random, model);
    return { seed, model, ledger, facts: randomFacts(random), now: START + integer(random, 0, 180) * DAY + integer(random, 0, 23) * HOUR };
  });

  it('gives the same score, contributions and grade', () => {
    for (const { model, ledger, facts, now } of cases) {
      expect(evaluate(model, ledger, facts, now)).toEqual(referenceEvaluate(model, ledger, facts, now));
    }
  });

  it('counts the same entries with the same points', () => {
    for (const { model, ledger, now } of cases) {
      expect(countLedger(model, ledger, now)).toEqual(referenceCount(model, ledger, now));
    }
  });

  it('covers what it claims to: rule caps, group caps, decay, negative points, repeats, fractions and the total cap all change some results', () => {
    const seen = { ruleCapped: 0, groupCut: 0, decayed: 0, negative: 0, totalCapped: 0, duplicate: 0, notWhole: 0, fit: 0 };
    for (const { model, ledger, facts, now } of cases) {
      const counted = referenceCount(model, ledger, now);
      if (counted.some((c) => c.rule.cap && !c.counted)) seen.ruleCapped++;
      if (counted.some((c) => c.counted && c.points !== c.entry.points)) seen.groupCut++;
      if (counted.some((c) => c.group?.decay && c.entry.occurredAt < now && c.points !== 0)) seen.decayed++;
      if (counted.some((c) => c.points < 0)) seen.negative++;
      const live = new Set(model.engagementRules.map((r) => r.id));
      if (counted.length < ledger.filter((e) => e.occurredAt <= now && live.has(e.ruleId)).length) seen.duplicate++;
      if (counted.some((c) => !Number.isInteger(c.points))) seen.notWhole++;
      const result = referenceEvaluate(model, ledger, facts, now);
      if (model.engagementCap !== undefined && result.engagement === model.engagementCap) seen.totalCapped++;
      if (result.fit !== 0) seen.fit++;
    }
    for (const [what, count] of Object.entries(seen)) expect([what, count >= 20]).toEqual([what, true]);
  });
});

describe('cap periods', () => {
  it('puts a time in the same UTC month as Date does (month starts, their last millisecond, and random times 1970–2100)', () => {
    const random = seededRandom(7);
    const times: number[] = [];
    for (let year = 1970; year < 2100; year++) {
      for (let month = 0; month < 12; month++) times.push(Date.UTC(year, month, 1), Date.UTC(year, month, 1) - 1);
    }
    for (let i = 0; i < 20_000; i++) times.push(Math.floor(random() * Date.UTC(2100, 0, 1)));
    const byDate = times.map((at) => new Date(at).getUTCFullYear() * 12 + new Date(at).getUTCMonth());
    expect(times.map((at) => capPeriodOf('month', at))).toEqual(byDate);
  });
});
