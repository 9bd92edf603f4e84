import { z } from 'zod';
import { LIMITS } from '../limits';
import { isStorableText, storableText, UNSTORABLE_TEXT_REASON } from './storable-text';

/** The subscription types the app subscribes to in webhooks/webhooks-hsmeta.json, and only those. */
export const SUBSCRIPTION_TYPES = [
  'contact.creation',
  'contact.deletion',
  'contact.merge',
  'contact.restore',
  'contact.associationChange',
  'contact.propertyChange',
  'contact.privacyDeletion',
  'object.creation',
] as const;

export type SubscriptionType = (typeof SUBSCRIPTION_TYPES)[number];

const { webhooks } = LIMITS;
const id = z.number().int().positive();

/** Text PostgreSQL can store, at most `max` characters. */
const text = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`).refine(isStorableText, UNSTORABLE_TEXT_REASON);
const field = text(webhooks.fieldChars);

const EARLIEST = new Date(webhooks.earliestOccurredAt).toISOString().slice(0, 10);
const LATEST = new Date(webhooks.latestOccurredAt).toISOString().slice(0, 10);

/**
 * Fields every event carries. HubSpot adds fields over time: unknown ones are not stored, only what the
 * schema knows, each bounded, so whatever passes here the database can take.
 */
const common = {
  eventId: z.number().int().nonnegative(),
  subscriptionId: id,
  portalId: id,
  appId: id,
  /** Epoch milliseconds; HubSpot's events are all in this range, and so is what PostgreSQL stores. */
  occurredAt: z
    .number()
    .int()
    .min(webhooks.earliestOccurredAt, `must be epoch milliseconds from ${EARLIEST} to before ${LATEST}`)
    .lt(webhooks.latestOccurredAt, `must be epoch milliseconds from ${EARLIEST} to before ${LATEST}`),
  attemptNumber: z.number().int().nonnegative(),
  changeSource: field.optional(),
  sourceId: field.optional(),
  changeFlag: field.optional(),
};

const contactEvent = <T extends SubscriptionType>(type: T) =>
  z.object({ ...common, subscriptionType: z.literal(type), objectId: id });

const contactPropertyChange = z.object({
  ...common,
  subscriptionType: z.literal('contact.propertyChange'),
  objectId: id,
  propertyName: field.min(1),
  /** Absent or '' when the property was cleared. */
  propertyValue: text(webhooks.propertyValueChars).optional(),
});

const contactMerge = z.object({
  ...common,
  subscriptionType: z.literal('contact.merge'),
  objectId: id,
  primaryObjectId: id,
  mergedObjectIds: z.array(id).min(1).max(webhooks.mergedObjectIds),
  newObjectId: id,
  numberOfPropertiesMoved: z.number().int().nonnegative().optional(),
});

/** Association changes name both ends and no objectId; `associationType` says which end is the contact. */
const contactAssociationChange = z
  .object({
    ...common,
    subscriptionType: z.literal('contact.associationChange'),
    objectId: id.optional(),
    associationType: field.min(1),
    fromObjectId: id,
    toObjectId: id,
    associationRemoved: z.boolean(),
    isPrimaryAssociation: z.boolean().optional(),
  })
  .refine((event) => contactEnd(event.associationType) !== undefined, {
    message: 'must have CONTACT at one end, like CONTACT_TO_COMPANY',
    path: ['associationType'],
  });

/** Generic object subscriptions: `objectTypeId` names the object, e.g. 0-48 for calls. */
const objectCreation = z.object({
  ...common,
  subscriptionType: z.literal('object.creation'),
  objectId: id,
  objectTypeId: z.string().max(32, 'must be an object type id like 0-48').regex(/^\d+-\d+$/, 'must be an object type id like 0-48'),
});

export const webhookEventSchema = z.discriminatedUnion(
  'subscriptionType',
  [
    contactEvent('contact.creation'),
    contactEvent('contact.deletion'),
    contactEvent('contact.restore'),
    contactEvent('contact.privacyDeletion'),
    contactPropertyChange,
    contactMerge,
    contactAssociationChange,
    objectCreation,
  ],
  {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      const type = (issue.input as { subscriptionType?: unknown } | undefined)?.subscriptionType;
      if (type === undefined) return 'missing subscriptionType';
      const named = typeof type === 'string' ? JSON.stringify(type.slice(0, 100)) : `of type ${typeof type}`;
      return `unsupported subscription type ${named}: the app consumes ${SUBSCRIPTION_TYPES.join(', ')}`;
    },
  },
);

export type WebhookEvent = z.infer<typeof webhookEventSchema>;

function contactEnd(associationType: string): 'from' | 'to' | undefined {
  if (associationType.startsWith('CONTACT_TO_')) return 'from';
  if (associationType.endsWith('_TO_CONTACT')) return 'to';
  return undefined;
}

/** The inbox's object: the contact for contact.* events (either end of an association), the object for object.*. */
export function inboxObjectId(event: WebhookEvent): number {
  if (event.subscriptionType !== 'contact.associationChange') return event.objectId;
  return contactEnd(event.associationType) === 'to' ? event.toObjectId : event.fromObjectId;
}

/** Identifies an event within its portal; eventId alone is not unique, so the type, object and time are part of it. */
export function eventKey(event: WebhookEvent): string {
  return `${event.subscriptionType}:${inboxObjectId(event)}:${event.eventId}:${event.occurredAt}`;
}

/** Zod issues as one short line: `objectId: Invalid input: expected number, received string; …`. */
export function rejectionReason(error: z.ZodError): string {
  const reason = error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  return storableText(reason, 500);
}
