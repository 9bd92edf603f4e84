/**
 * The date-based API versions the emulator serves, besides the legacy v1/v3/v4 paths. HubSpot publishes a version
 * every March and September; serving the next one is one more entry here.
 */
export const SERVED_API_VERSIONS: readonly string[] = ['2026-03'];
