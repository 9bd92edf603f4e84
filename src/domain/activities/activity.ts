/** Something a contact did, normalised from a webhook event, an engagement or a backfill read. */
export interface Activity {
  /** Stable identity of the activity for this contact: the same history always yields the same key. */
  key: string;
  type: string;
  occurredAt: number;
  detail: Record<string, string>;
}

/** A contact-level webhook event as the worker hands it over (already validated). */
export interface ContactEvent {
  key: string;
  subscriptionType: string;
  objectId: number;
  occurredAt: number;
  propertyName?: string;
  propertyValue?: string;
  changeSource?: string;
  /** Who made the change, e.g. "userId:123" for a user in HubSpot's UI. */
  sourceId?: string;
}

/** Last known values of the properties the model tracks (fit inputs and activity counters), per contact. */
export type ContactFacts = Record<string, string>;

export type EngagementObjectType = 'calls' | 'emails' | 'meetings' | 'notes' | 'tasks';

export interface EngagementInput {
  key: string;
  objectType: EngagementObjectType;
  id: string;
  occurredAt: number;
  properties: Record<string, string | null>;
}
