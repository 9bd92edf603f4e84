/** Lifecycle stages past "lead": the rep turned it into a deal (or more), so it no longer weighs on them. */
export const PAST_LEAD_STAGES: readonly string[] = ['opportunity', 'customer', 'evangelist'];

/** HubSpot's default lead statuses that close a lead's working (a deal opened, or it went nowhere). */
export const CLOSED_LEAD_STATUSES: readonly string[] = ['OPEN_DEAL', 'UNQUALIFIED', 'BAD_TIMING'];
