import type { RoutingSettings } from './routing-settings';

/** The contact properties the routing rules test, sorted and without duplicates. */
export function routingProperties(routing: RoutingSettings): string[] {
  const names = routing.rules.flatMap((rule) => rule.when.flatMap((condition) => (condition.subject === 'property' ? [condition.property] : [])));
  return [...new Set(names)].sort();
}
