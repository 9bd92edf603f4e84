/** Mixes the bits of a 32-bit hash so that its low bits, the ones a table keeps, depend on all of them. */
export function finishHash(hash: number): number {
  let h = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  h ^= h >>> 16;
  return h;
}

/** A hash of an id's length and its last `tail` characters (those it lacks count as 0); with none, the length itself. */
function tailHash(id: string, tail: number): number {
  if (tail === 0) return id.length;
  let h = id.length;
  for (let i = 1; i <= tail; i++) h = Math.imul(h ^ (id.charCodeAt(id.length - i) | 0), 0x01000193);
  return finishHash(h);
}

const MAX_TAIL = 4;
const MAX_EXTRA_BITS = 4;

/**
 * Positions of ids, for looking up the rule of every ledger entry at every evaluation: a perfect hash
 * made once over the known ids (their length and last few characters pick a slot, one comparison
 * confirms the id, so ids nobody knows find nothing). A Map does it when no small such hash separates them.
 * Like a Map built from the list, a repeated id stands for its last position.
 */
export class IdIndex {
  private readonly ids: readonly string[];
  /** Slot → position, -1 for none (unused with a Map). */
  private readonly slots: Int32Array;
  private readonly tail: number;
  private readonly mask: number;
  private readonly map: Map<string, number> | undefined;

  constructor(ids: readonly string[]) {
    const last = new Map(ids.map((id, index) => [id, index]));
    const perfect = perfectHash(last);
    this.ids = [...ids];
    this.slots = perfect?.slots ?? new Int32Array(0);
    this.tail = perfect?.tail ?? 0;
    this.mask = perfect?.mask ?? 0;
    this.map = perfect ? undefined : last;
  }

  /** The id's position, or -1. */
  indexOf(id: string): number {
    if (this.map) return this.map.get(id) ?? -1;
    const index = this.slots[tailHash(id, this.tail) & this.mask]!;
    return index !== -1 && this.ids[index] === id ? index : -1;
  }
}

/** The smallest tail and table that give every id a slot of its own, if any does. */
function perfectHash(positions: ReadonlyMap<string, number>): { slots: Int32Array; tail: number; mask: number } | undefined {
  const minBits = Math.ceil(Math.log2(Math.max(2, positions.size))) + 1;
  for (let tail = 0; tail <= MAX_TAIL; tail++) {
    for (let bits = minBits; bits <= minBits + MAX_EXTRA_BITS; bits++) {
      const mask = (1 << bits) - 1;
      const slots = new Int32Array(mask + 1).fill(-1);
      let separated = true;
      for (const [id, index] of positions) {
        const slot = tailHash(id, tail) & mask;
        separated &&= slots[slot] === -1;
        slots[slot] = index;
      }
      if (separated) return { slots, tail, mask };
    }
  }
  return undefined;
}
