/**
 * Working arrays for going through a ledger, kept from call to call so an evaluation allocates none:
 * scoring is synchronous and never re-entered, and each user holds its own.
 */
export class LedgerScratch {
  /** Ledger indices, in the order being worked out (two lists, for reordering one into the other). */
  order = new Int32Array(64);
  reordered = new Int32Array(64);
  /** By ledger index: the entry's time, rule index, rule-id rank and domain. */
  times = new Float64Array(64);
  rules = new Int32Array(64);
  ranks = new Int32Array(64);
  domains = new Int32Array(64);

  reserve(entries: number): void {
    if (entries <= this.order.length) return;
    const size = Math.max(entries, this.order.length * 2);
    this.order = new Int32Array(size);
    this.reordered = new Int32Array(size);
    this.times = new Float64Array(size);
    this.rules = new Int32Array(size);
    this.ranks = new Int32Array(size);
    this.domains = new Int32Array(size);
  }
}
