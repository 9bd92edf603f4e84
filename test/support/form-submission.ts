import type { WebhookEvent } from '../../src/sandbox';

/** The webhook HubSpot sends when a contact submits a form: the conversion's name changes. */
export function formSubmission(options: { portalId: number; appId: number; contactId: number; eventId: number; form?: string; occurredAt?: number }): WebhookEvent {
  return {
    eventId: options.eventId,
    subscriptionId: 1,
    portalId: options.portalId,
    appId: options.appId,
    occurredAt: options.occurredAt ?? Date.now() - 60_000,
    attemptNumber: 0,
    subscriptionType: 'contact.propertyChange',
    objectId: options.contactId,
    propertyName: 'recent_conversion_event_name',
    propertyValue: options.form ?? 'Demo request',
    changeSource: 'FORM',
  } as WebhookEvent;
}
