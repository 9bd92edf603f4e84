/**
 * Every bound the service puts on what it is sent, in one place. The README's limits table lists them;
 * validation enforces them before anything is stored, so nothing that passes can fail in the database.
 */
export const LIMITS = {
  webhooks: {
    /** HubSpot never sends more in one request. */
    eventsPerRequest: 100,
    /** Bytes of one webhook request body; more is refused (413) before it is read. */
    bodyBytes: 1_048_576,
    /** `occurredAt` in epoch milliseconds: from 1970 up to (not including) 2100-01-01. */
    earliestOccurredAt: 0,
    latestOccurredAt: Date.UTC(2100, 0, 1),
    /** A property value (HubSpot's own limit for text properties is 65,536 characters). */
    propertyValueChars: 65_536,
    /** Any other text field of an event (property names, sources, association types). */
    fieldChars: 512,
    /** Nesting of one event: HubSpot's own go two levels deep (a merge's id list). */
    eventDepth: 8,
    /** Ids listed in one merge event. */
    mergedObjectIds: 1_000,
  },
  /** What is kept of an event that fails validation, for `rejected_events`: enough to see why, never more. */
  rejectedPayload: {
    depth: 8,
    stringChars: 1_000,
    entriesPerContainer: 100,
  },
  api: {
    /** Bytes of a card or report request body. */
    bodyBytes: 65_536,
    /** Bytes of a settings request body (validate, preview, publish). */
    settingsBodyBytes: 262_144,
    /** Bytes of one answer: `hubspot.fetch` takes no more. */
    responseBytes: 1_000_000,
    /** Field issues returned for one invalid settings document; the count says how many there were. */
    issuesPerAnswer: 200,
  },
  settings: {
    engagementRules: 500,
    ruleGroups: 50,
    fitRules: 500,
    /** Values of one `in` test (fit rules and routing conditions). */
    valuesPerTest: 200,
    counterMappings: 50,
    propertyMappings: 200,
    engagementMappings: 50,
    detailFieldsPerEngagement: 20,
    routingRules: 200,
    conditionsPerRule: 20,
    pools: 100,
    membersPerPool: 500,
    reps: 1_000,
    slaPolicies: 50,
    /** Extra and ignored days of one calendar, each. */
    calendarDays: 366,
    intervalsPerDay: 8,
    /** Out-of-office periods of one rep. */
    outOfOfficePeriods: 366,
    /** Lifecycle stages listed in funnel order for the write-back. */
    lifecycleStages: 100,
    /** Users an admin lists as allowed to publish. */
    editors: 100,
    /** Any text an admin types: values to compare with, field names. */
    textChars: 200,
    /** A `matches` regular expression. */
    patternChars: 200,
  },
  /** The characters of a value a `matches` pattern reads (RE2 runs in linear time; this bounds it further). */
  patternInputChars: 4_096,
} as const;
