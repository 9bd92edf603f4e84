import type { ScoringModel } from './scoring-model';

/** The contact properties the fit rules read, sorted and without duplicates. */
export function fitProperties(model: ScoringModel): string[] {
  return [...new Set(model.fitRules.map((rule) => rule.property))].sort();
}
