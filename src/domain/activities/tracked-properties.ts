import { fitProperties } from '../scoring/fit-properties';
import type { ScoringModel } from '../scoring/scoring-model';

/** Every contact property the model reads (fit rules + mapping), so the worker can batch-read them for a new contact. */
export function trackedProperties(model: ScoringModel): string[] {
  const { creation, counters, properties } = model.mapping;
  const names = [
    ...fitProperties(model),
    // Where the contact is in the funnel: the lifecycle write-back only moves it forward from there.
    'lifecyclestage',
    creation.sourceProperty,
    creation.timeProperty,
    ...counters.flatMap((c) => [c.property, c.timeProperty]),
    ...properties.flatMap((p) => [p.property, p.timeProperty, p.counter]),
  ];
  return [...new Set(names.filter((name): name is string => name !== undefined))].sort();
}

/** The contact properties whose changes are activities (counters, property rules and the counters they pair with): a backfill reads their history. */
export function activityProperties(model: ScoringModel): string[] {
  const { counters, properties } = model.mapping;
  const names = [...counters.map((c) => c.property), ...properties.flatMap((p) => [p.property, p.counter])];
  return [...new Set(names.filter((name): name is string => name !== undefined))].sort();
}
