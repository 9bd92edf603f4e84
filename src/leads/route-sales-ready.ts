import type { LiveSettings } from '../domain/portal-settings';
import { trackedProperties } from '../domain/activities';
import { routingProperties, type RoutingDecision, type RoutingLead } from '../domain/routing';
import type { Queryable } from '../store/db';
import { insertAssignment, type ContactRow } from '../store/lead-store';
import { assignLead } from './assign-lead';
import { startSlaClock } from './sla-clocks';
import { queueTask } from '../write-back/task-outbox';

/** The rule id of a lead waiting for what routing needs from HubSpot (its company's owner, rule properties) before it is routed. */
export const HUBSPOT_LOOKUP = 'hubspot_lookup';

/** Rule properties the app does not keep current from webhooks: they are read from HubSpot when the lead is routed. */
export function untrackedRoutingProperties(live: LiveSettings): string[] {
  const routing = live.settings.routing;
  if (!routing) return [];
  const tracked = new Set(trackedProperties(live.settings.scoring));
  return routingProperties(routing).filter((name) => !tracked.has(name));
}

export interface RouteOptions {
  /** Reps this decision must not pick, with why (the one who let the SLA lapse, the one a user reassigns away from). */
  excluded?: Readonly<Record<string, string>>;
  /** The owner of the contact's company, as HubSpot says now. */
  companyOwnerId?: string;
}

/**
 * Called in the contact's transaction when it becomes sales-ready. When routing needs something from
 * HubSpot (the company's owner, with "company owner first"; rule properties no webhook keeps current), the
 * lead waits as a hold with its own rule id and no alert until the worker or the hold queue has read it
 * outside the transaction; otherwise it is routed at once. Returns whether it waits.
 */
export async function requestRouting(tx: Queryable, portalId: number, live: LiveSettings, lead: RoutingLead, now: Date): Promise<boolean> {
  const routing = live.settings.routing;
  if (!routing) return false;
  const untracked = untrackedRoutingProperties(live);
  if (!routing.useCompanyOwner && untracked.length === 0) {
    await routeSalesReadyLead(tx, portalId, live, lead, now);
    return false;
  }
  const needs = [...(routing.useCompanyOwner ? ["the owner of the contact's company"] : []), ...(untracked.length > 0 ? [`its ${untracked.join(', ')}`] : [])];
  await insertAssignment(tx, portalId, Number(lead.contactId), {
    kind: 'held',
    owner_id: null,
    pool_id: null,
    rule_id: HUBSPOT_LOOKUP,
    reason: `Reading ${needs.join(' and ')} from HubSpot.`,
    decided_at: now,
  });
  return true;
}

/**
 * Routes a sales-ready lead and starts its first-touch clock. Owners deactivated in HubSpot, and reps who
 * switched themselves away on the card, are never picked. A lead nobody can take is held, and the pool's manager gets one HubSpot task per hold.
 */
export async function routeSalesReadyLead(
  tx: Queryable,
  portalId: number,
  live: LiveSettings,
  lead: RoutingLead,
  now: Date,
  options: RouteOptions = {},
): Promise<{ decision: RoutingDecision; assignmentId: number } | undefined> {
  const routing = live.settings.routing;
  if (!routing) return undefined;
  const unavailable = await tx.query<{ owner_id: string; why: string }>(
    `SELECT owner_id, 'switched themselves away' AS why FROM rep_presence WHERE portal_id = $1 AND away
     UNION ALL SELECT owner_id, 'deactivated in HubSpot' FROM owners WHERE portal_id = $1 AND archived`,
    [portalId],
  );
  const excluded = { ...Object.fromEntries(unavailable.map((row) => [row.owner_id, row.why])), ...options.excluded };
  const routed = await assignLead(tx, portalId, routing, lead, now, { ...(options.companyOwnerId ? { companyOwnerId: options.companyOwnerId } : {}), excluded });
  const { decision, assignmentId } = routed;
  if (decision.kind === 'assigned' && live.settings.sla) {
    await startSlaClock(tx, portalId, Number(lead.contactId), { routing, sla: live.settings.sla }, decision, now);
  }
  if (decision.kind === 'held') {
    await queueTask(
      tx,
      portalId,
      {
        contactId: Number(lead.contactId),
        dedupeKey: `hold:${assignmentId}`,
        ownerId: decision.alertOwnerId,
        subject: 'Lead waiting in the hold queue',
        body: `Nobody could take this sales-ready lead. ${decision.reason} It will be assigned as soon as a rep is available.`,
      },
      now,
    );
  }
  return routed;
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
