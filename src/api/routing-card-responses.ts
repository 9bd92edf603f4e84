import { z } from 'zod';

const STATUSES = ['new', 'mql', 'sql', 'cooling', 'recycled', 'disqualified'] as const;
export const SLA_STATES = ['on_track', 'at_risk', 'breached', 'met', 'reassigned', 'recycled'] as const;
const isoTime = z.string().datetime({ offset: true });
const owner = z.object({ ownerId: z.string(), name: z.string() });

/** What the routing & SLA card gets: who owns the lead and why, the first-touch clock, the history, and the choices for its actions. */
export const routingCardResponse = z.object({
  routing: z.object({
    contactId: z.number().int().positive(),
    status: z.enum(STATUSES),
    /** False when the portal has no routing settings: the card says so and offers no actions. */
    routingConfigured: z.boolean(),
    /** The current owner the app assigned (latest decision 'assigned'); null when held, released or never routed. */
    owner: owner.nullable(),
    /** The latest routing decision. */
    assignment: z
      .object({
        kind: z.enum(['assigned', 'held', 'released']),
        ownerId: z.string().nullable(),
        poolId: z.string().nullable(),
        poolLabel: z.string().nullable(),
        /** A rule id, 'company_owner', 'default', 'manual' (a user's reassignment), 'sla' (released by the SLA), 'hubspot_lookup' (waiting for HubSpot's answers) or 'hold_queue' (released while held). */
        ruleId: z.string(),
        ruleLabel: z.string().nullable(),
        /** Set by the matching rule; it picks the SLA policy. */
        priority: z.enum(['high', 'normal', 'low']),
        reason: z.string(),
        decidedAt: isoTime,
      })
      .nullable(),
    /** The current first-touch clock; null when none runs (no SLA policy, never assigned). */
    sla: z
      .object({
        state: z.enum(SLA_STATES),
        policyId: z.string(),
        policyLabel: z.string().nullable(),
        assignedAt: isoTime,
        dueAt: isoTime,
        remindAt: isoTime,
        firstTouchAt: isoTime.nullable(),
        breachedAt: isoTime.nullable(),
        /** Business minutes left until due at `asOf` in the owner's calendar (negative once overdue, in wall-clock minutes). */
        remainingBusinessMinutes: z.number(),
        /** Whether the owner's business time is running at `asOf` (the countdown moves only then). */
        ticking: z.boolean(),
        timeZone: z.string(),
        /** Whose hours the clock counts: the owner's HubSpot working hours, an admin's override or the default calendar (absent: the settings, as before HubSpot was read). */
        calendarSource: z.enum(['hubspot', 'override', 'default_calendar']).optional(),
      })
      .nullable(),
    /** Newest first, at most 50: routing decisions, touches and SLA events. */
    history: z
      .array(
        z.object({
          at: isoTime,
          kind: z.enum(['assigned', 'held', 'released', 'touch', 'reminded', 'breached']),
          ownerId: z.string().nullable(),
          ownerName: z.string().nullable(),
          poolId: z.string().nullable(),
          detail: z.string(),
        }),
      )
      .max(50),
    /** The rep looking at the card, when their HubSpot user is an owner here, and whether they switched themselves away. */
    me: z.object({ ownerId: z.string(), name: z.string(), away: z.boolean() }).nullable(),
    /** Targets of the reassign action. */
    choices: z.object({ pools: z.array(z.object({ id: z.string(), label: z.string() })), owners: z.array(owner) }),
    asOf: isoTime,
  }),
});
export type RoutingCardView = z.infer<typeof routingCardResponse>['routing'];
