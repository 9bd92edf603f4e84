import { compareText } from '../compare-text';
import { textMatcher } from '../text-match';
import { decayConstants, type DecayConstants } from './decay-factor';
import { fitLabeler } from './fit-labeler';
import { IdIndex } from './id-index';
import type { ScoringModel } from './scoring-model';
import type { CapPeriod, EngagementRule, FitRule, RuleGroup } from './scoring-rules';

/** An engagement rule with its group, caps and decay looked up once. */
export interface CompiledRule {
  rule: EngagementRule;
  group: RuleGroup | undefined;
  /** Index into `groups`, or -1. */
  groupIndex: number;
  /** Position of the id in code-unit order among the rules' ids, so ids compare as numbers. */
  rank: number;
  /** The rule's cap: at most `capMax` entries per `capPer` (Infinity and undefined: no cap). */
  capMax: number;
  capPer: CapPeriod | undefined;
  /** The group's decay; undefined: points stay whole. */
  decay: DecayConstants | undefined;
  /** Where its entries are put in time order, if they must be (see `ordered`): a capped group's rules share one, any other rule has its own. */
  domain: number;
}

export interface CompiledGroup {
  /** At most `capMaxPoints` positive points per `capPer` (undefined: no cap). */
  capMaxPoints: number;
  capPer: CapPeriod | undefined;
}

export interface CompiledFitRule {
  rule: FitRule;
  /** The contribution's label when a value satisfies the rule, else undefined. */
  labelFor: (value: string | undefined) => string | undefined;
}

/** The rules an activity type can earn, in model order, each with its `when` test ready. */
export interface ActivityRule {
  rule: EngagementRule;
  field: string;
  when: ((value: string | undefined) => boolean) | undefined;
}

export interface CompiledScoringModel {
  model: ScoringModel;
  rules: CompiledRule[];
  /** Rule id → index into `rules` (the last rule of an id, as a map built from the list keeps). */
  ids: IdIndex;
  /** Orders rule indices by their rules' ids. */
  byId: (a: number, b: number) => number;
  /**
   * By rule index, 1 when the order of the rule's entries matters: with a cap on it or its group, or
   * decay. Other rules' entries are whole points, which add up the same in any order.
   */
  ordered: Uint8Array;
  domains: number;
  groups: CompiledGroup[];
  fitRules: CompiledFitRule[];
  rulesByActivity: Map<string, ActivityRule[]>;
}

function compile(model: ScoringModel): CompiledScoringModel {
  const rank = new Map([...new Set(model.engagementRules.map((r) => r.id))].sort(compareText).map((id, position) => [id, position]));
  const groupIndex = new Map(model.groups.map((group, index) => [group.id, index]));
  const groupDomains = new Map<number, number>();
  let domains = 0;
  /** A capped group's domain, made at its first rule; a new one for any other rule. */
  const domainOf = (group: number | undefined): number => {
    const existing = group === undefined ? undefined : groupDomains.get(group);
    if (existing !== undefined) return existing;
    if (group !== undefined) groupDomains.set(group, domains);
    return domains++;
  };
  const rules = model.engagementRules.map((rule): CompiledRule => {
    const index = rule.group === undefined ? undefined : groupIndex.get(rule.group);
    const group = index === undefined ? undefined : model.groups[index];
    return {
      rule,
      group,
      groupIndex: index ?? -1,
      rank: rank.get(rule.id)!,
      capMax: rule.cap?.max ?? Infinity,
      capPer: rule.cap?.per,
      decay: group?.decay && decayConstants(group.decay),
      domain: domainOf(group?.cap ? index : undefined),
    };
  });
  const rulesByActivity = new Map<string, ActivityRule[]>();
  for (const rule of model.engagementRules) {
    const list = rulesByActivity.get(rule.activity) ?? [];
    rulesByActivity.set(rule.activity, list);
    list.push({ rule, field: rule.when?.field ?? '', when: rule.when && textMatcher(rule.when.op, rule.when.value) });
  }
  return {
    model,
    rules,
    ids: new IdIndex(model.engagementRules.map((rule) => rule.id)),
    byId: (a, b) => rules[a]!.rank - rules[b]!.rank,
    ordered: Uint8Array.from(rules, ({ rule, group }) => (rule.cap || group?.cap || group?.decay ? 1 : 0)),
    domains,
    groups: model.groups.map((group) => ({ capMaxPoints: group.cap?.maxPoints ?? Infinity, capPer: group.cap?.per })),
    fitRules: model.fitRules.map((rule) => ({ rule, labelFor: fitLabeler(rule) })),
    rulesByActivity,
  };
}

/**
 * Models are settings: made once per version and never changed in place, so each is compiled once,
 * on first use, and kept for as long as the model object lives.
 */
const compiled = new WeakMap<ScoringModel, CompiledScoringModel>();

/** The model asked for last: a portal's contacts are scored one after another under one model. */
let last: CompiledScoringModel | undefined;

export function compileScoringModel(model: ScoringModel): CompiledScoringModel {
  if (last?.model === model) return last;
  let result = compiled.get(model);
  if (!result) {
    result = compile(model);
    compiled.set(model, result);
  }
  last = result;
  return result;
}
