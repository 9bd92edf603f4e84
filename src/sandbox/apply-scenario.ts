import { OBJECT_TYPES, type EngagementType } from './object-types';
import type { Activity, Scenario } from './scenario';
import type { SandboxState } from './state';
import type { WebhookEvent } from './webhook-event';

export interface AppliedScenario {
  /** Webhook events HubSpot would send for the journeys, sorted by occurredAt. */
  events: WebhookEvent[];
  /** Scenario keys → HubSpot ids in the portal. */
  ids: {
    teams: Map<string, string>;
    owners: Map<string, string>;
    companies: Map<string, string>;
    contacts: Map<string, string>;
  };
}

/** Subscription ids are per subscription (type, property or object type); stable so fixtures stay comparable. */
const SUBSCRIPTIONS = [
  'contact.creation',
  'contact.propertyChange:hs_analytics_num_page_views', 'contact.propertyChange:hs_analytics_last_url',
  'contact.propertyChange:hs_email_last_open_date', 'contact.propertyChange:hs_email_last_click_date',
  'contact.propertyChange:recent_conversion_event_name', 'contact.propertyChange:recent_conversion_date',
  'contact.propertyChange:hs_email_optout', 'contact.propertyChange:lifecyclestage', 'contact.propertyChange:hs_lead_status',
  'object.creation:0-47', 'object.creation:0-48', 'object.creation:0-49', 'object.creation:0-46', 'object.creation:0-27',
];
const subscriptionId = (key: string): number => 2_100_000 + SUBSCRIPTIONS.indexOf(key);

const ENGAGEMENT_OF: Readonly<Record<'meeting_booked' | 'call' | 'sales_email' | 'note', EngagementType>> = {
  meeting_booked: 'meetings', call: 'calls', sales_email: 'emails', note: 'notes',
};

function engagementProperties(activity: Extract<Activity, { ownerKey: string }>, ownerId: string, contactName: string): Record<string, string> {
  const common = { hs_timestamp: String(activity.at), hubspot_owner_id: ownerId };
  switch (activity.kind) {
    case 'meeting_booked':
      return { ...common, hs_meeting_title: `Discovery call with ${contactName}`, hs_meeting_start_time: String(activity.at + 2 * 86_400_000), hs_meeting_end_time: String(activity.at + 2 * 86_400_000 + 1_800_000), hs_meeting_outcome: 'SCHEDULED' };
    case 'call':
      return { ...common, hs_call_title: `Call with ${contactName}`, hs_call_direction: 'OUTBOUND', hs_call_status: 'COMPLETED', hs_call_duration: '420000' };
    case 'sales_email':
      return { ...common, hs_email_subject: 'Following up on your demo request', hs_email_direction: 'EMAIL', hs_email_status: 'SENT' };
    case 'note':
      return { ...common, hs_note_body: `Spoke with ${contactName}; evaluating options this quarter.` };
  }
}

/**
 * Writes a scenario into a portal (teams, owners, companies, contacts in their final state, engagements
 * associated with their contact and company) and returns the webhook events HubSpot would have sent for it.
 */
export function applyScenario(state: SandboxState, scenario: Scenario, options: { portalId: number; appId: number }): AppliedScenario {
  const { portalId, appId } = options;
  const ids: AppliedScenario['ids'] = { teams: new Map(), owners: new Map(), companies: new Map(), contacts: new Map() };
  const events: WebhookEvent[] = [];
  let eventId = 1;
  const userIds = new Map<string, number>();
  const event = (fields: Omit<WebhookEvent, 'eventId' | 'portalId' | 'appId' | 'attemptNumber'>): void => {
    events.push({ eventId: eventId++, portalId, appId, attemptNumber: 0, ...fields });
  };
  /** HubSpot only sends a property change when the value actually changes; the contact's history records it then. */
  let current: Record<string, string> = {};
  const propertyChange = (objectId: number, at: number, name: string, value: string, changeSource: string, sourceId?: string): void => {
    if (current[name] === value) return;
    current[name] = value;
    state.setProperties(portalId, 'contacts', String(objectId), { [name]: value }, at, { sourceType: changeSource, ...(sourceId ? { sourceId } : {}) });
    event({
      subscriptionId: subscriptionId(`contact.propertyChange:${name}`), occurredAt: at, subscriptionType: 'contact.propertyChange',
      objectId, propertyName: name, propertyValue: value, changeSource, ...(sourceId ? { sourceId } : {}),
    });
  };

  for (const team of scenario.teams) ids.teams.set(team.key, state.createTeam(portalId, team.name).id);
  for (const owner of scenario.owners) {
    const created = state.createOwner(portalId, {
      email: owner.email, firstName: owner.firstName, lastName: owner.lastName,
      teamIds: owner.teamKeys.map((key) => ids.teams.get(key)!), createdAt: scenario.start,
    });
    ids.owners.set(owner.key, created.id);
    userIds.set(owner.key, created.userId);
  }
  for (const company of scenario.companies) {
    ids.companies.set(company.key, state.createRecord(portalId, 'companies', company.properties, { createdAt: scenario.start }).id);
  }

  for (const contact of scenario.contacts) {
    const companyId = ids.companies.get(contact.companyKey)!;
    const record = state.createRecord(portalId, 'contacts', contact.properties, {
      createdAt: contact.createdAt,
      associations: [{ type: 'companies', id: companyId }],
    });
    ids.contacts.set(contact.key, record.id);
    const objectId = Number(record.id);
    const name = `${contact.properties.firstname} ${contact.properties.lastname}`;
    event({ subscriptionId: subscriptionId('contact.creation'), occurredAt: contact.createdAt, subscriptionType: 'contact.creation', objectId, changeFlag: 'CREATED', changeSource: 'CRM_UI' });

    current = { ...contact.properties };
    const final: Record<string, string> = {};
    let pageViews = 0;
    let conversions = 0;
    for (const activity of contact.journey) {
      const at = activity.at;
      switch (activity.kind) {
        case 'page_view':
          final.hs_analytics_num_page_views = String(++pageViews);
          final.hs_analytics_last_url = activity.url;
          propertyChange(objectId, at, 'hs_analytics_num_page_views', final.hs_analytics_num_page_views, 'ANALYTICS');
          propertyChange(objectId, at, 'hs_analytics_last_url', activity.url, 'ANALYTICS');
          break;
        case 'email_open':
          final.hs_email_last_open_date = String(at);
          propertyChange(objectId, at, 'hs_email_last_open_date', String(at), 'EMAIL');
          break;
        case 'email_click':
          final.hs_email_last_click_date = String(at);
          propertyChange(objectId, at, 'hs_email_last_click_date', String(at), 'EMAIL');
          break;
        case 'form_submission':
          conversions++;
          final.first_conversion_event_name ??= activity.conversion;
          final.recent_conversion_event_name = activity.conversion;
          final.recent_conversion_date = String(at);
          final.num_conversion_events = String(conversions);
          propertyChange(objectId, at, 'recent_conversion_event_name', activity.conversion, 'FORM');
          propertyChange(objectId, at, 'recent_conversion_date', String(at), 'FORM');
          break;
        case 'unsubscribe':
          final.hs_email_optout = 'true';
          propertyChange(objectId, at, 'hs_email_optout', 'true', 'EMAIL');
          break;
        case 'lifecycle_change':
          final.lifecyclestage = activity.stage;
          propertyChange(objectId, at, 'lifecyclestage', activity.stage, 'CRM_UI');
          break;
        case 'lead_status_change':
          final.hs_lead_status = activity.status;
          propertyChange(objectId, at, 'hs_lead_status', activity.status, 'CRM_UI');
          break;
        default: {
          const type = ENGAGEMENT_OF[activity.kind];
          const ownerId = ids.owners.get(activity.ownerKey)!;
          const engagement = state.createRecord(portalId, type, engagementProperties(activity, ownerId, name), {
            createdAt: at,
            associations: [{ type: 'contacts', id: record.id }, { type: 'companies', id: companyId }],
          });
          event({
            subscriptionId: subscriptionId(`object.creation:${OBJECT_TYPES[type].id}`), occurredAt: at, subscriptionType: 'object.creation',
            objectId: Number(engagement.id), objectTypeId: OBJECT_TYPES[type].id, changeFlag: 'CREATED',
            changeSource: activity.kind === 'meeting_booked' ? 'MEETINGS' : 'CRM_UI', sourceId: `userId:${userIds.get(activity.ownerKey)!}`,
          });
        }
      }
    }
    const lastAt = contact.journey[contact.journey.length - 1]?.at;
    if (lastAt !== undefined && Object.keys(final).length > 0) state.setProperties(portalId, 'contacts', record.id, final, lastAt);
  }
  events.sort((a, b) => a.occurredAt - b.occurredAt || a.eventId - b.eventId);
  return { events, ids };
}
