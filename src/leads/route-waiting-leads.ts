import type { LiveSettings } from '../domain/portal-settings';
import type { HubspotGateway } from '../hubspot/gateway';
import type { Logger } from '../log';
import type { Db, Queryable } from '../store/db';
import { latestAssignment, lockContact, insertAssignment } from '../store/lead-store';
import { settleContact } from '../process/settle-contacts';
import { presentValues } from '../process/pipeline-deps';
import { routeSalesReadyLead, routingLeadOf, untrackedRoutingProperties } from './route-sales-ready';

export interface WaitingOutcome {
  assigned: number;
  held: number;
  released: number;
}

/** The contacts whose latest routing decision is a hold (nobody available, or waiting for the company owner). */
export async function heldContacts(db: Queryable, portalId: number): Promise<number[]> {
  const rows = await db.query<{ contact_id: number }>(
    `SELECT contact_id FROM (
       SELECT DISTINCT ON (contact_id) contact_id, kind FROM assignments WHERE portal_id = $1 ORDER BY contact_id, id DESC
     ) latest WHERE kind = 'held' ORDER BY contact_id`,
    [portalId],
  );
  return rows.map((row) => row.contact_id);
}

/**
 * Routes leads waiting in the hold queue: reads their companies' owners from HubSpot first (two batch
 * reads per 100 leads, outside any transaction), then decides each lead in its own transaction and queues
 * its new owner and SLA state for HubSpot. A lead that stopped being sales-ready while it waited, or whose
 * portal turned routing off, is released.
 * If HubSpot cannot be read, the leads stay held and the next round tries again.
 */
export async function routeWaitingLeads(
  deps: { db: Db; gateway: HubspotGateway; logger: Logger },
  portalId: number,
  live: LiveSettings,
  contactIds: readonly number[],
  now: Date,
): Promise<WaitingOutcome> {
  const outcome: WaitingOutcome = { assigned: 0, held: 0, released: 0 };
  const routing = live.settings.routing;
  if (contactIds.length === 0) return outcome;
  let companyOwners = new Map<number, string>();
  let current = new Map<number, Record<string, string>>();
  const untracked = untrackedRoutingProperties(live);
  let readFailed = false;
  try {
    if (routing?.useCompanyOwner) companyOwners = await companyOwnersOf(deps.gateway, portalId, contactIds);
    if (untracked.length > 0) current = await currentProperties(deps.gateway, portalId, contactIds, untracked);
  } catch (error) {
    // Leads still sales-ready stay held for the next round; those that no longer are can be released all the same.
    readFailed = true;
    deps.logger.warn({ portalId, leads: contactIds.length, err: error }, 'what routing needs could not be read from HubSpot; the leads stay held');
  }
  for (const contactId of contactIds) {
    const result = await deps.db.transaction(async (tx) => {
      const contact = await lockContact(tx, portalId, contactId);
      if ((await latestAssignment(tx, portalId, contactId))?.kind !== 'held') return undefined;
      if (contact.status !== 'sql' || !routing) {
        const reason = routing ? `No longer sales-ready (now ${contact.status}) while it waited in the hold queue.` : 'Routing was turned off while the lead waited in the hold queue.';
        await insertAssignment(tx, portalId, contactId, { kind: 'released', owner_id: null, pool_id: null, rule_id: 'hold_queue', reason, decided_at: now });
        await settleContact(tx, { portalId, live, now }, contactId);
        return 'released' as const;
      }
      if (readFailed) return 'held' as const;
      const companyOwnerId = companyOwners.get(contactId);
      const lead = routingLeadOf(contact);
      const routed = await routeSalesReadyLead(tx, portalId, live, { ...lead, properties: { ...lead.properties, ...current.get(contactId) } }, now, companyOwnerId ? { companyOwnerId } : {});
      await settleContact(tx, { portalId, live, now }, contactId);
      return routed?.decision.kind === 'assigned' ? ('assigned' as const) : ('held' as const);
    });
    if (result) outcome[result] += 1;
  }
  return outcome;
}

/** HubSpot's current values of `properties` for each contact (only those that hold a value). */
async function currentProperties(gateway: HubspotGateway, portalId: number, contactIds: readonly number[], properties: readonly string[]): Promise<Map<number, Record<string, string>>> {
  const records = await gateway.forPortal(portalId).contacts.batchRead(contactIds.map(String), properties);
  return new Map(records.map((record) => [Number(record.id), presentValues(record.properties)]));
}

/** The owner of each contact's company (its first associated company that has an owner). */
async function companyOwnersOf(gateway: HubspotGateway, portalId: number, contactIds: readonly number[]): Promise<Map<number, string>> {
  const client = gateway.forPortal(portalId);
  const companiesByContact = await client.associations.batchRead('contacts', 'companies', contactIds.map(String));
  const companyIds = [...new Set([...companiesByContact.values()].flat())];
  if (companyIds.length === 0) return new Map();
  const companies = await client.objects.batchRead('companies', companyIds, ['hubspot_owner_id']);
  const ownerOf = new Map(companies.map((company) => [company.id, company.properties.hubspot_owner_id]));
  const owners = new Map<number, string>();
  for (const [contactId, ids] of companiesByContact) {
    const owner = ids.map((id) => ownerOf.get(id)).find((value): value is string => typeof value === 'string' && /^\d+$/.test(value));
    if (owner) owners.set(Number(contactId), owner);
  }
  return owners;
}
