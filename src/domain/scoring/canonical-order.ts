import { compareText } from '../compare-text';
import type { LedgerEntry } from './ledger-entry';

/** Longer runs go to the engine's sort: insertion is quadratic, though the quickest for a contact's usual few dozen entries. */
const INSERTION_MAX = 48;

/** Order of two entries at the same time: source key, rule id (by rank), points, then ledger position as a stable sort keeps it. */
function tieOrder(ledger: readonly LedgerEntry[], ranks: Int32Array, a: number, b: number): number {
  const x = ledger[a]!;
  const y = ledger[b]!;
  return compareText(x.sourceKey, y.sourceKey) || ranks[a]! - ranks[b]! || x.points - y.points || a - b;
}

/**
 * Sorts `order[from..to)`, indices into `ledger`, into the canonical ledger order (occurredAt,
 * sourceKey, ruleId, points) as `compareLedgerEntries` would, equal entries staying in ledger order.
 * `times` and `ranks` hold each index's time and rule-id rank, so most comparisons read two numbers;
 * an ordered run costs one pass.
 */
export function sortCanonically(
  order: Int32Array,
  from: number,
  to: number,
  ledger: readonly LedgerEntry[],
  times: Float64Array,
  ranks: Int32Array,
): void {
  if (to - from > INSERTION_MAX) {
    order.subarray(from, to).sort((a, b) => times[a]! - times[b]! || tieOrder(ledger, ranks, a, b));
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const moving = order[i]!;
    const time = times[moving]!;
    let j = i - 1;
    for (; j >= from; j--) {
      const other = order[j]!;
      const otherTime = times[other]!;
      if (otherTime < time || (otherTime === time && tieOrder(ledger, ranks, other, moving) <= 0)) break;
      order[j + 1] = other;
    }
    order[j + 1] = moving;
  }
}
