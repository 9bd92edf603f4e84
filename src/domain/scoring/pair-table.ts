import { finishHash } from './id-index';
import type { LedgerEntry } from './ledger-entry';

const FNV_PRIME = 0x01000193;
/** Keys up to this long are hashed whole; longer ones by this many characters spread over them. */
const HASHED_CHARS = 32;

/** The quick hash: rule, length and the last two characters, where keys made of a type and a count or time differ most. */
function quickHash(key: string, rule: number): number {
  const length = key.length;
  const h = Math.imul(rule ^ 0x811c9dc5, FNV_PRIME) ^ length;
  return finishHash(Math.imul(h ^ key.charCodeAt(length - 1), FNV_PRIME) ^ key.charCodeAt(length - 2));
}

function wholeHash(key: string, rule: number): number {
  const length = key.length;
  let h = Math.imul(rule ^ 0x811c9dc5, FNV_PRIME) ^ length;
  const step = Math.max(1, length / HASHED_CHARS);
  for (let i = 0; i < length; i += step) h = Math.imul(h ^ key.charCodeAt(Math.floor(i)), FNV_PRIME);
  return finishHash(h);
}

/**
 * The (sourceKey, rule) pairs met in one count, so that each pair counts once. Every evaluation
 * needs it for every entry, so it is an open-addressing table over typed arrays, reused and never
 * cleared (a slot is in use when it carries the current stamp) rather than a Map filled per
 * evaluation. Slots are confirmed by comparing the keys themselves, so the hash only has to spread
 * them: it starts with a quick one of a few characters, and when keys alike in those pile up in a
 * count, the table rehashes what it holds by the whole keys.
 */
export class PairTable {
  private stamps = new Int32Array(64);
  /** The pair's rule and hash, compared before the keys are. */
  private rules = new Int32Array(64);
  private hashes = new Int32Array(64);
  /** Ledger index of the entry recorded for the pair. */
  private entries = new Int32Array(64);
  private mask = 63;
  private stamp = 0;
  private lastSlot = 0;
  private whole = false;
  /** Slots passed over in this count, and how many the quick hash may cost before it is dropped. */
  private collisions = 0;
  private collisionBudget = 0;

  /** Forgets the pairs of the last count; room for `pairs` of them. */
  start(pairs: number): void {
    let size = 64;
    while (size < pairs * 2) size *= 2;
    // Stamps are 32-bit: before they run out (a count takes at most two), start the arrays afresh.
    if (size > this.stamps.length || this.stamp >= 0x7ffffff0) {
      this.stamp = 0;
      this.stamps = new Int32Array(size);
      this.hashes = new Int32Array(size);
      this.rules = new Int32Array(size);
      this.entries = new Int32Array(size);
    }
    this.mask = size - 1;
    this.stamp += 1;
    this.whole = false;
    this.collisions = 0;
    this.collisionBudget = 4 * pairs + 16;
  }

  /**
   * The ledger index recorded for the pair (`key`, `rule`) of `ledger[index]`: `index` itself when
   * the pair is new (it is then recorded).
   */
  claim(ledger: readonly LedgerEntry[], index: number, key: string, rule: number): number {
    const hash = this.whole ? wholeHash(key, rule) : quickHash(key, rule);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      if (this.stamps[slot] !== this.stamp) {
        this.record(slot, hash, rule, index);
        return index;
      }
      if (this.hashes[slot] === hash && this.rules[slot] === rule && ledger[this.entries[slot]!]!.sourceKey === key) {
        this.lastSlot = slot;
        return this.entries[slot]!;
      }
      if (!this.whole && ++this.collisions > this.collisionBudget) {
        this.rehashWhole(ledger);
        return this.claim(ledger, index, key, rule);
      }
    }
  }

  /** Records `index` for the pair the last `claim` found. */
  replace(index: number): void {
    this.entries[this.lastSlot] = index;
  }

  private record(slot: number, hash: number, rule: number, index: number): void {
    this.stamps[slot] = this.stamp;
    this.hashes[slot] = hash;
    this.rules[slot] = rule;
    this.entries[slot] = index;
    this.lastSlot = slot;
  }

  private rehashWhole(ledger: readonly LedgerEntry[]): void {
    const held: [rule: number, index: number][] = [];
    for (let slot = 0; slot <= this.mask; slot++) {
      if (this.stamps[slot] === this.stamp) held.push([this.rules[slot]!, this.entries[slot]!]);
    }
    this.stamp += 1;
    this.whole = true;
    for (const [rule, index] of held) {
      const hash = wholeHash(ledger[index]!.sourceKey, rule);
      let slot = hash & this.mask;
      while (this.stamps[slot] === this.stamp) slot = (slot + 1) & this.mask;
      this.record(slot, hash, rule, index);
    }
  }
}
