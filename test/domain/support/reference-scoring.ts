import type { ContactFacts } from '../../../src/domain/activities/activity';
import type { Contribution, LedgerEntry, ScoreResult, ScoringModel } from '../../../src/domain/scoring';
import type { CapPeriod, EngagementRule, GroupDecay, RuleGroup } from '../../../src/domain/scoring';
import { valueTestMatches } from '../../../src/domain/value-test';

/**
 * The scoring rules written as plainly as possible (maps, filters, a Date per month, a full sort), with
 * no code shared with the compiled engine: a randomized test holds the engine to it.
 */
const DAY = 86_400_000;
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function period(per: CapPeriod, at: number): number {
  switch (per) {
    case 'day':
      return Math.floor(at / DAY);
    case 'week':
      return Math.floor((Math.floor(at / DAY) + 3) / 7);
    case 'month':
      return new Date(at).getUTCFullYear() * 12 + new Date(at).getUTCMonth();
    case 'ever':
      return 0;
  }
}

function decayShare(decay: GroupDecay | undefined, age: number): number {
  if (decay === undefined || age <= 0) return 1;
  if (decay.kind === 'half_life') return 0.5 ** (age / (decay.days * DAY));
  return Math.max(0, 1 - (decay.percent / 100) * Math.floor(age / (decay.everyDays * DAY)));
}

export interface ReferenceCounted {
  entry: LedgerEntry;
  rule: EngagementRule;
  group: RuleGroup | undefined;
  points: number;
  counted: boolean;
}

export function referenceCount(model: ScoringModel, ledger: readonly LedgerEntry[], until: number): ReferenceCounted[] {
  const rules = new Map(model.engagementRules.map((rule) => [rule.id, rule]));
  const groups = new Map(model.groups.map((group) => [group.id, group]));
  const ruleTallies = new Map<string, { period: number; total: number }>();
  const groupTallies = new Map<string, { period: number; total: number }>();
  const tally = (tallies: typeof ruleTallies, id: string, at: number) => {
    if (tallies.get(id)?.period !== at) tallies.set(id, { period: at, total: 0 });
    return tallies.get(id)!;
  };
  const seen = new Set<string>();
  const sorted = ledger
    .filter((e) => e.occurredAt <= until)
    .sort((a, b) => a.occurredAt - b.occurredAt || compare(a.sourceKey, b.sourceKey) || compare(a.ruleId, b.ruleId) || a.points - b.points);
  const result: ReferenceCounted[] = [];
  for (const entry of sorted) {
    const rule = rules.get(entry.ruleId);
    if (!rule || seen.has(JSON.stringify([rule.id, entry.sourceKey]))) continue;
    seen.add(JSON.stringify([rule.id, entry.sourceKey]));
    const group = rule.group === undefined ? undefined : groups.get(rule.group);
    let points = entry.points;
    let within = true;
    if (rule.cap) {
      const t = tally(ruleTallies, rule.id, period(rule.cap.per, entry.occurredAt));
      within = t.total < rule.cap.max;
      if (within) t.total += 1;
      else points = 0;
    }
    if (group?.cap && points > 0) {
      const t = tally(groupTallies, group.id, period(group.cap.per, entry.occurredAt));
      points = Math.min(points, Math.max(0, group.cap.maxPoints - t.total));
      t.total += points;
    }
    result.push({ entry, rule, group, points, counted: within && (points !== 0 || entry.points === 0) });
  }
  return result;
}

function roundParts(values: number[]): number[] {
  const floors = values.map(Math.floor);
  let missing = Math.round(values.reduce((sum, v, i) => sum + (v - floors[i]!), 0));
  const order = values.map((v, i) => ({ r: v - floors[i]!, i })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) if (missing-- > 0) floors[i]! += 1;
  return floors.map((v) => v + 0);
}

export function referenceEvaluate(model: ScoringModel, ledger: readonly LedgerEntry[], facts: ContactFacts, now: number): ScoreResult {
  const tallies = new Map<string, { rule: EngagementRule; count: number; points: number }>();
  for (const { entry, rule, group, points, counted } of referenceCount(model, ledger, now)) {
    const t = tallies.get(rule.id) ?? { rule, count: 0, points: 0 };
    tallies.set(rule.id, t);
    if (counted) t.count += 1;
    t.points += points * decayShare(group?.decay, now - entry.occurredAt);
  }
  const earned = [...tallies.values()].filter((t) => t.count > 0).sort((a, b) => compare(a.rule.id, b.rule.id));
  let raw = earned.map((t) => t.points);
  const positive = raw.filter((p) => p > 0).reduce((s, p) => s + p, 0);
  const negative = raw.filter((p) => p < 0).reduce((s, p) => s + p, 0);
  if (model.engagementCap !== undefined && positive + negative > model.engagementCap) {
    const scale = (model.engagementCap - negative) / positive;
    raw = raw.map((p) => (p > 0 ? p * scale : p));
  }
  const rounded = roundParts(raw);
  const engagement = earned.map((t, i): Contribution => ({ ruleId: t.rule.id, label: t.rule.label, kind: 'engagement', count: t.count, points: rounded[i]! }));
  const fitParts = model.fitRules
    .filter((rule) => valueTestMatches(rule, facts[rule.property]))
    .map((rule): Contribution => ({
      ruleId: rule.id,
      label: rule.op === 'exists' ? rule.label : `${rule.label}: ${facts[rule.property]?.trim()}`,
      kind: 'fit',
      count: 1,
      points: rule.points,
    }));
  const fit = fitParts.reduce((s, c) => s + c.points, 0);
  const engagementPoints = engagement.reduce((s, c) => s + c.points, 0);
  const { A, B, C } = model.fitGrades;
  return {
    fit,
    engagement: engagementPoints,
    total: fit + engagementPoints,
    grade: fit >= A ? 'A' : fit >= B ? 'B' : fit >= C ? 'C' : 'D',
    contributions: [...engagement, ...fitParts].sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || compare(a.ruleId, b.ruleId)),
  };
}
