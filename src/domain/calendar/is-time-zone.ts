import { IANAZone } from 'luxon';

/** Zones already found valid, by lower-case name: the check builds an Intl formatter, slow enough to matter for a thousand reps. */
const valid = new Set<string>();

/**
 * Whether `zone` is an IANA time zone (or alias) this runtime knows. Only valid names are remembered, and
 * names ignore case, so the set stays as small as the zone database; an invalid name is quick to refuse.
 */
export function isTimeZone(zone: string): boolean {
  const key = zone.toLowerCase();
  if (valid.has(key)) return true;
  if (!IANAZone.isValidZone(zone)) return false;
  valid.add(key);
  return true;
}
