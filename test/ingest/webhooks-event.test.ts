import { loadWebhooksDefinition } from '../../src/project/webhooks-definition';
import { classifyEvents, parseWebhookBody } from '../../src/ingest/webhook-batch';
import { SUBSCRIPTION_TYPES, eventKey, inboxObjectId, rejectionReason, webhookEventSchema } from '../../src/ingest/webhook-event';

const common = { eventId: 9, subscriptionId: 21, portalId: 62_515, appId: 3_000_001, occurredAt: 1_772_445_600_000, attemptNumber: 0 };

/** One event of each subscription type, shaped like HubSpot's documentation examples. */
const SAMPLES: Record<(typeof SUBSCRIPTION_TYPES)[number], Record<string, unknown>> = {
  'contact.creation': { ...common, subscriptionType: 'contact.creation', objectId: 101, changeFlag: 'CREATED', changeSource: 'CRM_UI' },
  'contact.deletion': { ...common, subscriptionType: 'contact.deletion', objectId: 101, changeFlag: 'DELETED', changeSource: 'CRM_UI' },
  'contact.restore': { ...common, subscriptionType: 'contact.restore', objectId: 101, changeFlag: 'RESTORED' },
  'contact.privacyDeletion': { ...common, subscriptionType: 'contact.privacyDeletion', objectId: 101, changeSource: 'GDPR' },
  'contact.propertyChange': {
    ...common, subscriptionType: 'contact.propertyChange', objectId: 101, propertyName: 'hs_email_optout', propertyValue: 'true',
    changeSource: 'EMAIL', sourceId: 'userId:7',
  },
  'contact.merge': {
    ...common, subscriptionType: 'contact.merge', objectId: 101, primaryObjectId: 101, mergedObjectIds: [102], newObjectId: 103,
    numberOfPropertiesMoved: 12, changeFlag: 'MERGED',
  },
  'contact.associationChange': {
    ...common, subscriptionType: 'contact.associationChange', changeSource: 'USER', associationType: 'COMPANY_TO_CONTACT',
    fromObjectId: 555, toObjectId: 101, associationRemoved: false, isPrimaryAssociation: true,
  },
  'object.creation': { ...common, subscriptionType: 'object.creation', objectId: 9_001, objectTypeId: '0-48', changeFlag: 'CREATED', sourceId: 'userId:7' },
};

describe('webhook event schema', () => {
  it('accepts exactly the subscription types webhooks-hsmeta.json subscribes to', () => {
    const { subscriptions } = loadWebhooksDefinition('https://leads.example.com').config;
    const subscribed = new Set(
      [...subscriptions.crmObjects, ...subscriptions.legacyCrmObjects, ...subscriptions.hubEvents].map((s) => s.subscriptionType),
    );
    expect([...SUBSCRIPTION_TYPES].sort()).toEqual([...subscribed].sort());
  });

  it.each(Object.entries(SAMPLES))('accepts a %s event', (_type, sample) => {
    const parsed = webhookEventSchema.safeParse(sample);
    expect(parsed.success && parsed.data.subscriptionType).toBe(sample.subscriptionType);
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown subscription type', { ...SAMPLES['contact.creation'], subscriptionType: 'deal.creation' }, /unsupported subscription type "deal.creation": the app consumes contact.creation/],
    ['no subscription type', { ...common, objectId: 1 }, /missing subscriptionType/],
    ['a property change without its property', { ...SAMPLES['contact.propertyChange'], propertyName: undefined }, /^propertyName: /],
    ['a merge without the merged ids', { ...SAMPLES['contact.merge'], mergedObjectIds: [] }, /^mergedObjectIds: /],
    ['an object event without objectTypeId', { ...SAMPLES['object.creation'], objectTypeId: 'calls' }, /^objectTypeId: must be an object type id/],
    ['an association without a contact end', { ...SAMPLES['contact.associationChange'], associationType: 'COMPANY_TO_DEAL' }, /^associationType: must have CONTACT at one end/],
    ['a string id', { ...SAMPLES['contact.creation'], objectId: '101' }, /^objectId: .*expected number/],
    ['an ordinary string', 'contact.creation', /expected object/],
  ])('rejects %s with a clear reason', (_case, input, reason) => {
    const parsed = webhookEventSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(rejectionReason(parsed.error)).toMatch(reason);
  });

  it('keys an event by type, object, event id and time, and puts the contact end of an association in object_id', () => {
    const association = webhookEventSchema.parse(SAMPLES['contact.associationChange']);
    expect(inboxObjectId(association)).toBe(101);
    expect(eventKey(association)).toBe('contact.associationChange:101:9:1772445600000');
    const reversed = webhookEventSchema.parse({ ...SAMPLES['contact.associationChange'], associationType: 'CONTACT_TO_COMPANY', fromObjectId: 101, toObjectId: 555 });
    expect(eventKey(reversed)).toBe(eventKey(association));
    expect(eventKey(webhookEventSchema.parse(SAMPLES['object.creation']))).toBe('object.creation:9001:9:1772445600000');
  });
});

describe('webhook body', () => {
  it.each([
    ['[]', { ok: true, elements: [] }],
    ['[1,', { ok: false, reason: 'body is not valid JSON' }],
    ['{"events":[]}', { ok: false, reason: 'body must be a JSON array of events' }],
    [JSON.stringify(Array(101).fill({})), { ok: false, reason: 'at most 100 events per request (got 101)' }],
  ])('parses %s', (body, expected) => {
    expect(parseWebhookBody(body)).toEqual(expected);
  });

  it('classifies each element on its own, keeping only the fields the schema knows', () => {
    const extra = { ...SAMPLES['contact.creation'], newField: 1 };
    const elements = [extra, null, { ...SAMPLES['contact.creation'], portalId: 'x' }];
    const { valid, rejected } = classifyEvents(elements);
    expect(valid).toEqual([
      {
        portalId: 62_515,
        eventKey: 'contact.creation:101:9:1772445600000',
        subscriptionType: 'contact.creation',
        objectId: 101,
        occurredAt: 1_772_445_600_000,
        payload: SAMPLES['contact.creation'],
      },
    ]);
    expect(rejected.map((r) => [r.portalId, r.payload])).toEqual([[null, null], [null, elements[2]]]);
  });

  it('tells an escaped backslash before u0000 from an escaped NUL', () => {
    const elements = [
      { ...SAMPLES['contact.propertyChange'], propertyValue: 'C:\\u0000dir' },
      { ...SAMPLES['contact.propertyChange'], eventId: 10, propertyValue: 'nul\u0000' },
    ];
    const { valid, rejected } = classifyEvents(elements);
    expect(valid.map((row) => (row.payload as { propertyValue: string }).propertyValue)).toEqual(['C:\\u0000dir']);
    expect(rejected.map((row) => (row.payload as { propertyValue: string }).propertyValue)).toEqual(['nul\ufffd']);
  });
});

/** A value nested `depth` levels deep: arrays, or objects under `key`. */
function nested(depth: number, kind: 'array' | 'object', leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { key: value };
  return value;
}

describe('what the database or our code could not take is set aside, event by event', () => {
  const good = SAMPLES['contact.propertyChange'];

  it.each<[string, unknown, RegExp]>([
    ['the largest date JavaScript allows', { ...good, occurredAt: 8.64e15 }, /^occurredAt: must be epoch milliseconds from 1970-01-01 to before 2100-01-01/],
    ['the year 10000', { ...good, occurredAt: 253_402_300_800_000 }, /^occurredAt: /],
    ['a time before 1970', { ...good, occurredAt: -1 }, /^occurredAt: /],
    ['a property value over 65,536 characters', { ...good, propertyValue: 'x'.repeat(65_537) }, /^propertyValue: must be at most 65536 characters/],
    ['a property name over 512 characters', { ...good, propertyName: 'p'.repeat(513) }, /^propertyName: must be at most 512 characters/],
    ['a merge naming over 1,000 contacts', { ...SAMPLES['contact.merge'], mergedObjectIds: Array.from({ length: 1_001 }, (_, i) => i + 1) }, /^mergedObjectIds: /],
    ['an extra field nested 5,000 levels deep', { ...good, extra: nested(5_000, 'object') }, /^nested deeper than 8 levels$/],
    ['an event that is 5,000 objects deep', nested(5_000, 'object', good), /^nested deeper than 8 levels$/],
    ['an event that is 100,000 arrays deep', nested(100_000, 'array', good), /^nested deeper than 8 levels$/],
    ['a subscription type that is itself deeply nested', { ...good, subscriptionType: nested(7, 'array', 'x') }, /unsupported subscription type of type object/],
  ])('rejects %s with its reason, and keeps a bounded copy jsonb can store', (_case, element, reason) => {
    const { valid, rejected } = classifyEvents([good, element]);

    expect(valid).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toMatch(reason);
    const stored = JSON.stringify(rejected[0]!.payload);
    expect(stored.length).toBeLessThan(150_000);
  });

  it('accepts the edges of the range: 1970-01-01 and the last millisecond before 2100', () => {
    const { valid } = classifyEvents([
      { ...good, occurredAt: 0 },
      { ...good, eventId: 10, occurredAt: Date.UTC(2100, 0, 1) - 1 },
    ]);
    expect(valid).toHaveLength(2);
  });

  it('drops unknown fields from what it stores, however large or deep they are', () => {
    const { valid } = classifyEvents([{ ...good, extra: nested(6, 'object', 'x'.repeat(100_000)), another: [1, 2, 3] }]);
    expect(valid[0]!.payload).toEqual(good);
  });

  it('keeps the reason storable when it quotes text PostgreSQL refuses', () => {
    const { rejected } = classifyEvents([{ ...good, subscriptionType: `deal\u0000.\ud800creation` }]);
    expect(rejected[0]!.reason).toMatch(/unsupported subscription type "deal\\u0000.\\ud800creation"/);
    expect(rejected[0]!.reason).not.toMatch(/[\u0000\ud800]/);
  });
});
