import { LIMITS } from '../limits';
import { isStorableText } from './storable-text';
import type { WebhookEvent } from './webhook-event';

const { webhooks } = LIMITS;

/** The types checked here: the flat ones, which are nearly every event HubSpot sends. */
const FLAT_CONTACT_TYPES: ReadonlySet<string> = new Set(['contact.creation', 'contact.deletion', 'contact.restore', 'contact.privacyDeletion']);
const OPTIONAL_TEXT_FIELDS = ['changeSource', 'sourceId', 'changeFlag'] as const;
/** The fields the schema keeps, in its order. */
const COMMON_FIELDS = ['eventId', 'subscriptionId', 'portalId', 'appId', 'occurredAt', 'attemptNumber', ...OPTIONAL_TEXT_FIELDS, 'subscriptionType', 'objectId'];
const TYPE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'contact.propertyChange': ['propertyName', 'propertyValue'],
  'object.creation': ['objectTypeId'],
};
const OBJECT_TYPE_ID = /^\d+-\d+$/;

type Json = Record<string, unknown>;

const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max && isStorableText(value);

/**
 * A webhook event accepted without zod, or undefined when this cannot vouch for it. Validating 100 events a
 * request with webhookEventSchema was the costliest step of our own code in a webhook request (~3 µs an
 * event: zod runs every check of every field through its generic machinery and allocates as it goes);
 * this does the same checks directly, ~9× cheaper. It only ever accepts: whatever it does not recognise (a merge or
 * association change, a field out of bounds, a wrong type) goes to webhookEventSchema, which stays the
 * definition of a valid event and explains every rejection. What it accepts it returns as the schema would,
 * the known fields only: the element itself when it holds nothing else (the common case, so that the
 * request's body can be stored as sent), a copy without the others when it does.
 * test/pipeline/webhook-event-fast-path.test.ts holds it to the schema on generated events.
 */
export function acceptCommonEvent(element: unknown): WebhookEvent | undefined {
  if (element === null || typeof element !== 'object' || Array.isArray(element)) return undefined;
  const input = element as Json;
  const type = input.subscriptionType;
  const flatContact = typeof type === 'string' && FLAT_CONTACT_TYPES.has(type);
  if (!flatContact && type !== 'contact.propertyChange' && type !== 'object.creation') return undefined;
  const { eventId, subscriptionId, portalId, appId, occurredAt, attemptNumber, objectId } = input;
  if (!isCount(eventId) || !isId(subscriptionId) || !isId(portalId) || !isId(appId) || !isCount(attemptNumber) || !isId(objectId)) return undefined;
  if (!Number.isSafeInteger(occurredAt) || (occurredAt as number) < webhooks.earliestOccurredAt || (occurredAt as number) >= webhooks.latestOccurredAt) {
    return undefined;
  }
  let known = 8; // the seven above and subscriptionType
  for (const field of OPTIONAL_TEXT_FIELDS) {
    if (!(field in input)) continue;
    if (!isText(input[field], webhooks.fieldChars)) return undefined;
    known += 1;
  }
  if (type === 'contact.propertyChange') {
    const { propertyName, propertyValue } = input;
    if (!isText(propertyName, webhooks.fieldChars) || propertyName.length === 0) return undefined;
    known += 1;
    if ('propertyValue' in input) {
      if (!isText(propertyValue, webhooks.propertyValueChars)) return undefined;
      known += 1;
    }
  } else if (type === 'object.creation') {
    const { objectTypeId } = input;
    if (typeof objectTypeId !== 'string' || objectTypeId.length > 32 || !OBJECT_TYPE_ID.test(objectTypeId)) return undefined;
    known += 1;
  }
  let keys = 0;
  for (const key in input) if (Object.hasOwn(input, key)) keys += 1;
  if (keys === known) return input as WebhookEvent;
  const event: Json = {};
  for (const field of [...COMMON_FIELDS, ...(TYPE_FIELDS[type as string] ?? [])]) if (field in input) event[field] = input[field];
  return event as WebhookEvent;
}
