import { sortCanonically } from './canonical-order';
import { CapTallies } from './cap-tallies';
import type { CompiledScoringModel } from './compiled-model';
import { pointsAtAge } from './decay-factor';
import { DomainRuns } from './domain-runs';
import { LedgerScratch } from './ledger-scratch';
import type { LedgerEntry } from './ledger-entry';
import { PairTable } from './pair-table';
import type { RuleTallies } from './rule-tallies';

const scratch = new LedgerScratch();
const runs = new DomainRuns();
const pairs = new PairTable();
const caps = new CapTallies();

/**
 * Each rule's count and points at `now` (decayed) from the ledger, exactly as `countLedger` counts
 * it, doing only the ordering the model calls for: a rule's cap and decay depend on the order of its
 * entries, a capped group's cap on the order of all its rules' entries, so those are sorted, a rule
 * or capped group at a time. Any other rule's entries are whole points that add up the same in any
 * order, so they are tallied as they come.
 */
export function tallyLedger(model: CompiledScoringModel, ledger: readonly LedgerEntry[], now: number, tallies: RuleTallies): void {
  scratch.reserve(ledger.length);
  let pending = tallyAsTheyCome(model, ledger, now, tallies, false);
  if (pending < 0) pending = tallyAsTheyCome(model, ledger, now, tallies, true);
  if (pending > 0) tallyInOrder(model, ledger, now, tallies, pending);
}

/**
 * Tallies the entries up to `now` of rules whose order does not matter, and lists the others in
 * `scratch.order` (all of them with `orderAll`); returns how many it listed, or -1, having stopped,
 * at points that are not small whole numbers (their sum would depend on order).
 */
function tallyAsTheyCome(model: CompiledScoringModel, ledger: readonly LedgerEntry[], now: number, tallies: RuleTallies, orderAll: boolean): number {
  tallies.start(model.rules.length);
  pairs.start(ledger.length);
  const { order, times, rules, ranks, domains } = scratch;
  let pending = 0;
  for (let i = 0; i < ledger.length; i++) {
    const entry = ledger[i]!;
    const r = entry.occurredAt <= now ? model.ids.indexOf(entry.ruleId) : -1;
    if (r < 0) continue;
    const points = entry.points;
    if (orderAll || model.ordered[r] === 1) {
      const rule = model.rules[r]!;
      order[pending++] = i;
      times[i] = entry.occurredAt;
      rules[i] = r;
      ranks[i] = rule.rank;
      domains[i] = rule.domain;
      continue;
    }
    if ((points | 0) !== points) return -1;
    const first = pairs.claim(ledger, i, entry.sourceKey, r);
    if (first === i) {
      tallies.add(r, true, points);
      continue;
    }
    // A repeated pair counts as its earliest entry in canonical order: the earliest, then the fewest points.
    const kept = ledger[first]!;
    if (entry.occurredAt < kept.occurredAt || (entry.occurredAt === kept.occurredAt && points < kept.points)) {
      tallies.add(r, false, points - kept.points);
      pairs.replace(i);
    }
  }
  return pending;
}

/** Tallies the `pending` entries listed in `scratch.order`: grouped by domain, each domain in canonical order, with caps and decay. */
function tallyInOrder(model: CompiledScoringModel, ledger: readonly LedgerEntry[], now: number, tallies: RuleTallies, pending: number): void {
  const { order, reordered, times, rules, ranks, domains } = scratch;
  runs.group(order, pending, reordered, domains, model.domains);
  caps.start(model);
  for (let run = 0; run < runs.count; run++) {
    const from = runs.starts[run]!;
    const to = runs.starts[run + 1]!;
    sortCanonically(reordered, from, to, ledger, times, ranks);
    for (let k = from; k < to; k++) {
      const index = reordered[k]!;
      const r = rules[index]!;
      const entry = ledger[index]!;
      if (pairs.claim(ledger, index, entry.sourceKey, r) !== index) continue;
      const points = caps.apply(model, r, entry.points, entry.occurredAt);
      const counted = caps.withinRuleCap && (points !== 0 || entry.points === 0);
      tallies.add(r, counted, pointsAtAge(points, model.rules[r]!.decay, now - entry.occurredAt));
    }
  }
}
