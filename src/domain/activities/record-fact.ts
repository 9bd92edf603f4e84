import type { ContactFacts } from './activity';

/** The facts key holding when a property last changed, so a late, older change never overwrites a newer one. */
export const factChangedAtKey = (property: string): string => `${property}@changedAt`;

/**
 * Facts with a property's new value (empty: the property was cleared), unless a newer change is
 * already known. Same-time changes keep the greater value, so any arrival order ends the same.
 */
export function recordFact(facts: ContactFacts, property: string, value: string, changedAt: number): ContactFacts {
  const knownAt = Number(facts[factChangedAtKey(property)] ?? -Infinity);
  if (changedAt < knownAt) return facts;
  if (changedAt === knownAt && value <= (facts[property] ?? '')) return facts;
  const next: ContactFacts = { ...facts, [factChangedAtKey(property)]: String(changedAt) };
  if (value.trim() === '') delete next[property];
  else next[property] = value;
  return next;
}
