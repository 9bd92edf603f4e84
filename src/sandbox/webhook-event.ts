/** A webhook event as HubSpot posts it (one element of the JSON array body). */
export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  /** Epoch milliseconds. */
  occurredAt: number;
  subscriptionType: string;
  /** 0 on the first delivery, incremented on each retry. */
  attemptNumber: number;
  objectId: number;
  changeSource?: string;
  sourceId?: string;
  changeFlag?: string;
  propertyName?: string;
  propertyValue?: string;
  /** Generic `object.*` subscriptions, e.g. `0-48` for calls. */
  objectTypeId?: string;
  /** `contact.merge`. */
  primaryObjectId?: number;
  mergedObjectIds?: number[];
  newObjectId?: number;
  numberOfPropertiesMoved?: number;
}
