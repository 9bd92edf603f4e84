import type { ActivityMapping } from '../shared/types';

/** Every activity type the mapping produces, once each, in mapping order. */
export function mappedActivities(mapping: ActivityMapping): string[] {
  return [
    ...new Set([
      mapping.creation.activity,
      ...mapping.counters.map((counter) => counter.activity),
      ...mapping.properties.map((property) => property.activity),
      ...mapping.engagements.map((engagement) => engagement.activity),
    ]),
  ];
}
