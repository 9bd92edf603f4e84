import { capPeriodOf } from './cap-period';
import type { CompiledScoringModel } from './compiled-model';

/** Arrays indexed by rule or group, reused from count to count; an entry belongs to the current count when its stamp does. */
class PeriodTallies {
  private stamps = new Float64Array(16);
  private periods = new Float64Array(16);
  private used = new Float64Array(16);

  reserve(size: number): void {
    if (size <= this.stamps.length) return;
    this.stamps = new Float64Array(size);
    this.periods = new Float64Array(size);
    this.used = new Float64Array(size);
  }

  /** What `at`'s period has used so far of the tally at `index` (a new period starts at nothing). */
  usedIn(index: number, period: number, stamp: number): number {
    if (this.stamps[index] !== stamp || this.periods[index] !== period) {
      this.stamps[index] = stamp;
      this.periods[index] = period;
      this.used[index] = 0;
    }
    return this.used[index]!;
  }

  add(index: number, amount: number): void {
    this.used[index] = this.used[index]! + amount;
  }
}

/**
 * The rules' and groups' caps over one count, entries given in time order: a rule's cap counts its
 * earlier entries in the same UTC period; a group's cap limits the positive points its rules earn
 * together per period (negative points are never capped).
 */
export class CapTallies {
  private readonly rules = new PeriodTallies();
  private readonly groups = new PeriodTallies();
  private stamp = 0;
  /** Whether the last entry applied was within its rule's cap. */
  withinRuleCap = true;

  start(model: CompiledScoringModel): void {
    this.rules.reserve(model.rules.length);
    this.groups.reserve(model.groups.length);
    this.stamp += 1;
  }

  /** The points an entry of rule `r` at `at` keeps after its rule's cap and its group's. */
  apply(model: CompiledScoringModel, r: number, points: number, at: number): number {
    const rule = model.rules[r]!;
    this.withinRuleCap = true;
    if (rule.capPer !== undefined) {
      this.withinRuleCap = this.rules.usedIn(r, capPeriodOf(rule.capPer, at), this.stamp) < rule.capMax;
      if (!this.withinRuleCap) return 0;
      this.rules.add(r, 1);
    }
    const group = rule.groupIndex < 0 ? undefined : model.groups[rule.groupIndex]!;
    if (group?.capPer === undefined || !(points > 0)) return points;
    const kept = Math.min(points, Math.max(0, group.capMaxPoints - this.groups.usedIn(rule.groupIndex, capPeriodOf(group.capPer, at), this.stamp)));
    this.groups.add(rule.groupIndex, kept);
    return kept;
  }
}
