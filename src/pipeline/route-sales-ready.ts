import type { LiveSettings } from '../domain/portal-settings';
import type { RoutingDecision, RoutingLead, RoutingSettings } from '../domain/routing';
import type { Queryable } from '../store/db';
import type { ContactRow } from '../store/lead-store';
import { assignLead } from './assign-lead';
import { startSlaClock } from './sla-clocks';

/** Routes a sales-ready lead (optionally away from a rep who let it breach) and starts its first-touch clock. */
export async function routeSalesReadyLead(
  tx: Queryable,
  portalId: number,
  live: LiveSettings,
  lead: RoutingLead,
  now: Date,
  notOwnerId?: string,
): Promise<RoutingDecision | undefined> {
  const routing = live.settings.routing;
  if (!routing) return undefined;
  const decision = await assignLead(tx, portalId, notOwnerId ? withoutRep(routing, notOwnerId) : routing, lead, now);
  if (decision.kind === 'assigned' && live.settings.sla) await startSlaClock(tx, portalId, Number(lead.contactId), live.settings.sla, decision, now);
  return decision;
}

/** The same settings with one rep unavailable for this decision ("the next eligible rep"). */
function withoutRep(routing: RoutingSettings, ownerId: string): RoutingSettings {
  const rep = routing.reps[ownerId];
  return rep ? { ...routing, reps: { ...routing.reps, [ownerId]: { ...rep, away: true } } } : routing;
}

/** A stored contact as the router sees it (its current score, grade and status). */
export function routingLeadOf(row: ContactRow): RoutingLead {
  return {
    contactId: String(row.contact_id),
    properties: row.facts,
    score: { total: row.score, fit: row.fit_score, engagement: row.engagement_score },
    grade: row.grade as RoutingLead['grade'],
    status: row.status as RoutingLead['status'],
  };
}
