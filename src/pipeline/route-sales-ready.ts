import type { LiveSettings } from '../domain/portal-settings';
import type { RoutingDecision, RoutingLead, RoutingSettings } from '../domain/routing';
import type { Queryable } from '../store/db';
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
