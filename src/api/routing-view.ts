import type { SourcedAvailability } from '../domain/availability';
import { isBusinessTime } from '../domain/calendar';
import type { LiveSettings } from '../domain/portal-settings';
import { RESERVED_RULE_IDS } from '../domain/routing/routing-rules';
import { remainingBusinessMs, repCalendar, type SlaClock } from '../domain/sla';
import type { RoutingCardView } from './routing-card-responses';
import type { Queryable } from '../store/db';
import type { AssignmentRow } from '../store/lead-store';
import { listOwners } from '../store/owners';

const HISTORY_LIMIT = 50;
const MINUTE = 60_000;
const RESERVED = new Set<string>(RESERVED_RULE_IDS);


type HistoryItem = RoutingCardView['history'][number];

/** The routing & SLA card's view of a contact: owner and why, the current clock, the history and the action choices. */
export async function routingView(
  db: Queryable,
  portalId: number,
  contactId: number,
  live: LiveSettings,
  now: Date,
  userId?: number,
): Promise<RoutingCardView | undefined> {
  const [contact] = await db.query<{ status: RoutingCardView['status'] }>('SELECT status FROM contacts WHERE portal_id = $1 AND contact_id = $2', [portalId, contactId]);
  if (!contact) return undefined;
  const { routing, sla } = live.settings;
  const owners = await listOwners(db, portalId);
  const nameOf = (ownerId: string | null) => (ownerId === null ? null : (owners.find((o) => o.ownerId === ownerId)?.name ?? `Owner ${ownerId}`));
  const poolLabel = (poolId: string | null) => (poolId === null ? null : (routing?.pools.find((p) => p.id === poolId)?.label ?? poolId));

  const assignments = await db.query<AssignmentRow>(
    'SELECT kind, owner_id, pool_id, rule_id, reason, decided_at, priority FROM assignments WHERE portal_id = $1 AND contact_id = $2 ORDER BY id DESC',
    [portalId, contactId],
  );
  const clocks = await db.query<{ id: number; owner_id: string; clock: SlaClock }>(
    'SELECT id, owner_id, clock FROM sla_clocks WHERE portal_id = $1 AND contact_id = $2 ORDER BY id DESC',
    [portalId, contactId],
  );
  const touches = await db.query<{ owner_id: string; kind: string; at: Date }>(
    'SELECT owner_id, kind, at FROM sla_touches WHERE portal_id = $1 AND contact_id = $2',
    [portalId, contactId],
  );
  const reminders = await db.query<{ owner_id: string; created_at: Date }>(
    `SELECT owner_id, created_at FROM task_outbox WHERE portal_id = $1 AND contact_id = $2 AND dedupe_key LIKE 'sla:%:remind'`,
    [portalId, contactId],
  );

  const latest = assignments[0];
  const history: HistoryItem[] = [
    ...assignments.map((row) => ({
      at: row.decided_at.toISOString(),
      kind: row.kind,
      ownerId: row.owner_id,
      ownerName: nameOf(row.owner_id),
      poolId: row.pool_id,
      detail: row.reason,
    })),
    ...touches.map((row) => ({
      at: row.at.toISOString(),
      kind: 'touch' as const,
      ownerId: row.owner_id,
      ownerName: nameOf(row.owner_id),
      poolId: null,
      detail: row.kind === 'manual' ? 'Marked touched on the card' : `First-touch ${row.kind}`,
    })),
    ...reminders.map((row) => ({
      at: row.created_at.toISOString(),
      kind: 'reminded' as const,
      ownerId: row.owner_id,
      ownerName: nameOf(row.owner_id),
      poolId: null,
      detail: 'Reminder task created: first touch due soon',
    })),
    ...clocks.flatMap(({ owner_id: ownerId, clock }) =>
      clock.breachedAt === undefined
        ? []
        : [{ at: new Date(clock.breachedAt).toISOString(), kind: 'breached' as const, ownerId, ownerName: nameOf(ownerId), poolId: null, detail: `First-touch SLA breached (${clock.onBreach} on breach)` }],
    ),
  ]
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, HISTORY_LIMIT);

  const current = clocks[0];
  const members = new Set(routing?.pools.flatMap((pool) => pool.members.map((m) => m.ownerId)) ?? []);
  const choiceOwners = [
    ...owners.filter((o) => !o.archived).map((o) => ({ ownerId: o.ownerId, name: o.name })),
    ...[...members].filter((id) => !owners.some((o) => o.ownerId === id)).map((ownerId) => ({ ownerId, name: `Owner ${ownerId}` })),
  ];

  const [me] =
    userId === undefined
      ? []
      : await db.query<{ owner_id: string; away: boolean | null }>(
          `SELECT o.owner_id, p.away FROM owners o LEFT JOIN rep_presence p ON p.portal_id = o.portal_id AND p.owner_id = o.owner_id
           WHERE o.portal_id = $1 AND o.user_id = $2 AND NOT o.archived`,
          [portalId, userId],
        );

  return {
    contactId,
    status: contact.status,
    routingConfigured: routing !== undefined,
    owner: latest?.kind === 'assigned' && latest.owner_id ? { ownerId: latest.owner_id, name: nameOf(latest.owner_id)! } : null,
    assignment: latest
      ? {
          kind: latest.kind,
          ownerId: latest.owner_id,
          poolId: latest.pool_id,
          poolLabel: poolLabel(latest.pool_id),
          ruleId: latest.rule_id,
          ruleLabel: RESERVED.has(latest.rule_id) ? null : (routing?.rules.find((r) => r.id === latest.rule_id)?.label ?? null),
          priority: latest.priority,
          reason: latest.reason,
          decidedAt: latest.decided_at.toISOString(),
        }
      : null,
    sla: current && sla ? clockView(current.clock, current.owner_id, live, now) : null,
    history,
    me: me ? { ownerId: me.owner_id, name: nameOf(me.owner_id)!, away: me.away === true } : null,
    choices: { pools: routing?.pools.map((pool) => ({ id: pool.id, label: pool.label })) ?? [], owners: choiceOwners },
    asOf: now.toISOString(),
  };
}

function clockView(clock: SlaClock, ownerId: string, live: LiveSettings, now: Date): NonNullable<RoutingCardView['sla']> {
  const calendar = repCalendar({ routing: live.settings.routing, sla: live.settings.sla! }, ownerId);
  const running = clock.state === 'on_track' || clock.state === 'at_risk';
  const overdue = clock.firstTouchAt === undefined && now.getTime() >= clock.dueAt;
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  return {
    state: clock.state,
    policyId: clock.policyId,
    policyLabel: live.settings.sla?.policies.find((p) => p.id === clock.policyId)?.label ?? null,
    assignedAt: iso(clock.assignedAt)!,
    dueAt: iso(clock.dueAt)!,
    remindAt: iso(clock.remindAt)!,
    firstTouchAt: iso(clock.firstTouchAt),
    breachedAt: iso(clock.breachedAt),
    // Business time until due; once overdue, wall-clock time past due (it keeps growing).
    remainingBusinessMinutes: overdue ? -(now.getTime() - clock.dueAt) / MINUTE : remainingBusinessMs(clock, calendar, now.getTime()) / MINUTE,
    ticking: running && isBusinessTime(calendar, now.getTime()),
    timeZone: calendar.timeZone,
    ...calendarSourceOf(live, ownerId),
  };
}

/** Whose hours count for the owner, where the settings are joined with HubSpot's availability. */
function calendarSourceOf(live: LiveSettings, ownerId: string): { calendarSource?: NonNullable<SourcedAvailability['calendarSource']> } {
  const rep: SourcedAvailability | undefined = live.settings.routing?.reps[ownerId];
  if (rep?.calendarSource) return { calendarSource: rep.calendarSource };
  return rep || !live.settings.routing ? {} : { calendarSource: 'default_calendar' };
}
