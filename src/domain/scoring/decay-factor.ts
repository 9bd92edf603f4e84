import { DAY_MS } from './cap-period';
import type { GroupDecay } from './scoring-rules';

/**
 * The share of its points an entry keeps at an age: half-life halves them every `days`; linear
 * takes `percent` off for every full `everyDays` elapsed, down to nothing. Applies to negative points too.
 */
export function decayFactor(decay: GroupDecay | undefined, ageMs: number): number {
  if (decay === undefined || ageMs <= 0) return 1;
  switch (decay.kind) {
    case 'half_life':
      return 0.5 ** (ageMs / (decay.days * DAY_MS));
    case 'linear':
      return Math.max(0, 1 - (decay.percent / 100) * Math.floor(ageMs / (decay.everyDays * DAY_MS)));
  }
}
