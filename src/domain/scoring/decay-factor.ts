import { DAY_MS } from './cap-period';
import type { GroupDecay } from './scoring-rules';

/**
 * A decay with its products worked out once: `periodMs` is the half-life, or the step of a linear
 * decay, which takes `stepShare` off per full step. The factor below does the very same arithmetic
 * as it would on the settings (0.5 ** (age / half-life) rather than exp(-age·ln2 / half-life), which
 * differs in the last bit and so could round an exact x.5 the other way).
 */
export interface DecayConstants {
  kind: GroupDecay['kind'];
  periodMs: number;
  stepShare: number;
}

export function decayConstants(decay: GroupDecay): DecayConstants {
  return decay.kind === 'half_life'
    ? { kind: 'half_life', periodMs: decay.days * DAY_MS, stepShare: 0 }
    : { kind: 'linear', periodMs: decay.everyDays * DAY_MS, stepShare: decay.percent / 100 };
}

/**
 * The share of its points an entry keeps at an age: half-life halves them every `days`; linear
 * takes `percent` off for every full `everyDays` elapsed, down to nothing. Applies to negative points too.
 */
export function decayShare(decay: DecayConstants, ageMs: number): number {
  if (ageMs <= 0) return 1;
  return decay.kind === 'half_life' ? 0.5 ** (ageMs / decay.periodMs) : Math.max(0, 1 - decay.stepShare * Math.floor(ageMs / decay.periodMs));
}

/** `decayShare` straight from a group's settings (no decay: the points stay whole). */
export function decayFactor(decay: GroupDecay | undefined, ageMs: number): number {
  return decay === undefined ? 1 : decayShare(decayConstants(decay), ageMs);
}

/** Points kept at an age under a decay (none: whole; no points: nothing to work out). */
export function pointsAtAge(points: number, decay: DecayConstants | undefined, ageMs: number): number {
  return points === 0 || decay === undefined ? points : points * decayShare(decay, ageMs);
}
