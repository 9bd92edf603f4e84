export type { Activity, ContactEvent, ContactFacts, EngagementInput, EngagementObjectType } from './activity';
export { activityMappingSchema, mappedActivityTypes, type ActivityMapping } from './activity-mapping';
export { backfillActivities } from './backfill-activities';
export { DEFAULT_ACTIVITY_MAPPING } from './default-activity-mapping';
export { mapContactEvent } from './map-contact-event';
export { mapEngagement } from './map-engagement';
export { parseHubspotTimestamp } from './parse-hubspot-timestamp';
export { factChangedAtKey } from './record-fact';
export { trackedProperties } from './tracked-properties';
