import fc from 'fast-check';
import { LIMITS } from '../../src/limits';
import { SUBSCRIPTION_TYPES, webhookEventSchema } from '../../src/ingest/webhook-event';
import { acceptCommonEvent } from '../../src/ingest/webhook-event-fast-path';

const { webhooks } = LIMITS;

/** Values a field may hold: the valid kinds and their edges, and what sits just past them. */
const EDGE_VALUES: unknown[] = [
  0, 1, -1, 1.5, 62_515, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, webhooks.latestOccurredAt - 1, webhooks.latestOccurredAt,
  '', 'x', 'CRM_UI', '0-48', '0-', 'calls', 'nul \u0000', 'lone \ud800', 'pair \ud83d\ude00', '101',
  'a'.repeat(webhooks.fieldChars), 'a'.repeat(webhooks.fieldChars + 1), '1'.repeat(30) + '-1', '1'.repeat(31) + '-1',
  'a'.repeat(webhooks.propertyValueChars), 'a'.repeat(webhooks.propertyValueChars + 1),
  null, true, false, [], [1], {}, { nested: { deeper: 1 } },
];
const anyValue = fc.oneof(fc.constantFrom(...EDGE_VALUES), fc.integer(), fc.string());

const FIELDS = [
  'eventId', 'subscriptionId', 'portalId', 'appId', 'occurredAt', 'attemptNumber', 'objectId', 'changeSource', 'sourceId', 'changeFlag',
  'propertyName', 'propertyValue', 'objectTypeId', 'primaryObjectId', 'mergedObjectIds', 'newObjectId', 'associationType',
  'fromObjectId', 'toObjectId', 'associationRemoved', 'unknownField',
] as const;

const valid = (type: string): Record<string, unknown> => ({
  eventId: 9, subscriptionId: 21, portalId: 62_515, appId: 3_000_001, occurredAt: 1_772_445_600_000, attemptNumber: 0,
  subscriptionType: type, objectId: 101, propertyName: 'hs_email_optout', propertyValue: 'true', objectTypeId: '0-48',
  changeSource: 'CRM_UI',
});

/** Events near the valid ones: a valid event of some type with fields removed, replaced or added. */
const nearValidEvent = fc
  .record({
    type: fc.constantFrom(...SUBSCRIPTION_TYPES, 'deal.creation', ''),
    removed: fc.subarray([...FIELDS, 'subscriptionType'], { maxLength: 2 }),
    replaced: fc.dictionary(fc.constantFrom(...FIELDS, 'subscriptionType'), anyValue, { maxKeys: 3 }),
  })
  .map(({ type, removed, replaced }) => {
    const event = { ...valid(type), ...replaced };
    for (const field of removed) delete event[field];
    return event;
  });

/** A valid event with one field removed or set to one edge value, for every type, field and value. */
function* singleChanges(): Generator<Record<string, unknown>> {
  for (const type of [...SUBSCRIPTION_TYPES, 'deal.creation']) {
    for (const field of [...FIELDS, 'subscriptionType']) {
      const removed = valid(type);
      delete removed[field];
      yield removed;
      for (const value of EDGE_VALUES) yield { ...valid(type), [field]: value };
    }
  }
}

/** The fast path's promise: it accepts only what the schema accepts, and returns it as the schema does. */
function expectAgreement(element: unknown): void {
  const fast = acceptCommonEvent(element);
  if (fast === undefined) return;
  const parsed = webhookEventSchema.safeParse(element);
  expect(parsed.success).toBe(true);
  if (parsed.success) expect(fast).toStrictEqual(parsed.data);
}

describe('acceptCommonEvent', () => {
  it('agrees with the schema on every single-field change of a valid event', () => {
    for (const element of singleChanges()) expectAgreement(element);
  });

  it('agrees with the schema on events with several fields changed', () => {
    fc.assert(fc.property(fc.oneof(nearValidEvent, anyValue), expectAgreement), { numRuns: 5_000 });
  });

  it.each(['contact.creation', 'contact.deletion', 'contact.restore', 'contact.privacyDeletion', 'contact.propertyChange', 'object.creation'])(
    'vouches for a valid %s event itself',
    (type) => {
      expect(acceptCommonEvent(valid(type))).toStrictEqual(webhookEventSchema.parse(valid(type)));
    },
  );

  it('returns an event holding only known fields itself, and a copy without the others otherwise', () => {
    const event = valid('contact.creation');
    delete event.propertyName;
    delete event.propertyValue;
    delete event.objectTypeId;
    expect(acceptCommonEvent(event)).toBe(event);
    const extended = { ...event, newField: { deep: [1] } };
    expect(acceptCommonEvent(extended)).toStrictEqual(event);
    expect(acceptCommonEvent(extended)).not.toBe(extended);
  });

  it('leaves merges and association changes to the schema', () => {
    expect(acceptCommonEvent({ ...valid('contact.merge'), primaryObjectId: 101, mergedObjectIds: [102], newObjectId: 103 })).toBeUndefined();
    expect(acceptCommonEvent({ ...valid('contact.associationChange'), associationType: 'CONTACT_TO_COMPANY', fromObjectId: 101, toObjectId: 5, associationRemoved: false })).toBeUndefined();
  });
});
