import type { CountedEntry } from './count-ledger';
import { DAY_MS } from './cap-period';
import { decayFactor } from './decay-factor';
import type { GroupDecay } from './scoring-rules';

type LinearDecay = Extract<GroupDecay, { kind: 'linear' }>;

interface HalfLifeSum {
  decay: GroupDecay;
  value: number;
  at: number;
}

/** A linear-decay group's entries in time order, with running sums of their points. */
interface LinearSums {
  decay: LinearDecay;
  times: number[];
  /** prefix[i] = points of the first i entries. */
  prefix: number[];
}

/** Index of the first time after `bound` (times ascending). */
function firstAfter(times: readonly number[], bound: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (times[mid]! <= bound) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Σ points × linear factor at `time`: entries of the same age step keep the same share, so each step is one range of the running sums. */
function linearTotal({ decay, times, prefix }: LinearSums, time: number): number {
  const period = decay.everyDays * DAY_MS;
  let total = 0;
  let hi = times.length;
  for (let step = 0; hi > 0; step++) {
    const share = 1 - (decay.percent / 100) * step;
    if (share <= 0) break;
    const lo = firstAfter(times, time - (step + 1) * period);
    total += share * (prefix[hi]! - prefix[lo]!);
    hi = lo;
  }
  return total;
}

/**
 * Engagement (unrounded, under the total cap) at increasing times, for replaying a lead's history
 * without re-evaluating it from scratch at every step: entries join as their time comes; a
 * half-life group decays with one multiplication per step, a linear group is summed by age step
 * over running sums, undecayed points are one running sum. Agrees with `evaluate` at every step.
 */
export class EngagementTimeline {
  private next = 0;
  private earnedAfter = -Infinity;
  private flat = 0;
  private halfLives = new Map<string, HalfLifeSum>();
  private linears = new Map<string, LinearSums>();
  private earnedPositive = false;

  constructor(
    private readonly counted: readonly CountedEntry[],
    private readonly cap: number | undefined,
  ) {}

  /** From now on only points earned after `after` count (a recycle); undefined: all of them again (a reopen). */
  restart(after: number | undefined): void {
    this.next = 0;
    this.earnedAfter = after ?? -Infinity;
    this.flat = 0;
    this.halfLives.clear();
    this.linears.clear();
    this.earnedPositive = false;
  }

  /** Whether positive points were earned since the last restart. */
  get hasEarnedPoints(): boolean {
    return this.earnedPositive;
  }

  /** Engagement at `time` (never earlier than the previous call) from the entries up to it. */
  at(time: number): number {
    for (const sum of this.halfLives.values()) {
      sum.value *= decayFactor(sum.decay, time - sum.at);
      sum.at = time;
    }
    for (; this.next < this.counted.length && this.counted[this.next]!.entry.occurredAt <= time; this.next++) {
      this.add(this.counted[this.next]!, time);
    }
    let total = this.flat;
    for (const sum of this.halfLives.values()) total += sum.value;
    for (const sums of this.linears.values()) total += linearTotal(sums, time);
    return this.cap === undefined ? total : Math.min(total, this.cap);
  }

  private add(counted: CountedEntry, time: number): void {
    const { entry, group, points } = counted;
    if (entry.occurredAt <= this.earnedAfter || points === 0) return;
    if (points > 0) this.earnedPositive = true;
    const decay = group?.decay;
    if (!group || !decay) {
      this.flat += points;
    } else if (decay.kind === 'linear') {
      const sums = this.linears.get(group.id) ?? { decay, times: [], prefix: [0] };
      this.linears.set(group.id, sums);
      sums.times.push(entry.occurredAt);
      sums.prefix.push(sums.prefix[sums.prefix.length - 1]! + points);
    } else {
      const sum = this.halfLives.get(group.id) ?? { decay, value: 0, at: time };
      this.halfLives.set(group.id, sum);
      sum.value += points * decayFactor(decay, time - entry.occurredAt);
    }
  }
}
