export { effectiveReps, sourceNote, type AvailabilitySource, type EffectiveRepsInput, type SourcedAvailability } from './effective-reps';
export {
  HUBSPOT_AVAILABILITY_PROPERTIES,
  hubspotAvailability,
  parseOutOfOfficeHours,
  parseWorkingHours,
  type HubspotAvailability,
  type HubspotUserProperties,
} from './hubspot-user-availability';
