import { textMatches } from '../text-match';
import type { Activity, EngagementInput } from './activity';
import type { ActivityMapping } from './activity-mapping';

/** The activity an engagement on the contact means (the first matching mapping rule), keyed by the engagement's event key. */
export function mapEngagement(engagement: EngagementInput, mapping: ActivityMapping): Activity[] {
  const property = (name: string): string | undefined => engagement.properties[name] ?? undefined;
  const rule = mapping.engagements.find(
    (r) => r.objectType === engagement.objectType && (!r.when || textMatches(r.when.op, r.when.value, property(r.when.property))),
  );
  if (!rule) return [];
  const detail: Record<string, string> = { objectType: engagement.objectType, engagementId: engagement.id };
  const ownerId = property('hubspot_owner_id');
  if (ownerId) detail.ownerId = ownerId;
  for (const [field, name] of Object.entries(rule.detail)) {
    const value = property(name);
    if (value) detail[field] = value;
  }
  return [{ key: `${engagement.key}:${rule.activity}`, type: rule.activity, occurredAt: engagement.occurredAt, detail }];
}
