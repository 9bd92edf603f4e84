import { z } from 'zod';

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

const id = z.number().int().positive();

/** Fields every event carries (HubSpot adds fields over time; unknown ones are kept in the stored payload). */
const common = {
  eventId: z.number().int().nonnegative(),
  subscriptionId: id,
  portalId: id,
  appId: id,
  /** Epoch milliseconds, within what a Date can hold. */
  occurredAt: z.number().int().positive().max(8.64e15),
  attemptNumber: z.number().int().nonnegative(),
  changeSource: z.string().optional(),
  sourceId: z.string().optional(),
  changeFlag: z.string().optional(),
};

const contactEvent = <T extends SubscriptionType>(type: T) =>
  z.object({ ...common, subscriptionType: z.literal(type), objectId: id });

const contactPropertyChange = z.object({
  ...common,
  subscriptionType: z.literal('contact.propertyChange'),
  objectId: id,
  propertyName: z.string().min(1),
  /** Absent or '' when the property was cleared. */
  propertyValue: z.string().optional(),
});

const contactMerge = z.object({
  ...common,
  subscriptionType: z.literal('contact.merge'),
  objectId: id,
  primaryObjectId: id,
  mergedObjectIds: z.array(id).min(1),
  newObjectId: id,
  numberOfPropertiesMoved: z.number().int().nonnegative().optional(),
});

/** Association changes name both ends and no objectId; `associationType` says which end is the contact. */
const contactAssociationChange = z
  .object({
    ...common,
    subscriptionType: z.literal('contact.associationChange'),
    objectId: id.optional(),
    associationType: z.string().min(1),
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
  objectTypeId: z.string().regex(/^\d+-\d+$/, 'must be an object type id like 0-48'),
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
      return type === undefined
        ? 'missing subscriptionType'
        : `unsupported subscription type ${JSON.stringify(type)}: the app consumes ${SUBSCRIPTION_TYPES.join(', ')}`;
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
  return reason.length > 500 ? `${reason.slice(0, 499)}…` : reason;
}
