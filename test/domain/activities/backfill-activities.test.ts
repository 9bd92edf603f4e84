import {
  backfillActivities,
  DEFAULT_ACTIVITY_MAPPING,
  mapContactEvent,
  trackedProperties,
  type Activity,
  type ContactFacts,
} from '../../../src/domain/activities';
import { DEFAULT_SCORING_MODEL } from '../../../src/domain/scoring';

const NOW = Date.UTC(2025, 2, 1, 12);
const CREATED = Date.UTC(2024, 10, 3, 8);
const LAST_VISIT = Date.UTC(2025, 1, 20, 16);
const OPENED = Date.UTC(2025, 1, 25, 9);
const CONVERTED = Date.UTC(2025, 1, 22, 11);

describe('backfillActivities', () => {
  it('turns an existing contact’s properties into its starting activities', () => {
    const activities = backfillActivities(
      '101',
      {
        createdate: new Date(CREATED).toISOString(),
        hs_analytics_source: 'PAID_SEARCH',
        hs_analytics_num_page_views: '2',
        hs_analytics_last_visit_timestamp: new Date(LAST_VISIT).toISOString(),
        hs_analytics_last_url: 'https://www.example-saas.com/pricing',
        hs_email_last_open_date: new Date(OPENED).toISOString(),
        hs_email_last_click_date: null,
        recent_conversion_event_name: 'Demo request',
        recent_conversion_date: new Date(CONVERTED).toISOString(),
        hs_email_optout: 'false',
        industry: 'Retail',
      },
      DEFAULT_ACTIVITY_MAPPING,
      NOW,
    );
    expect(activities).toEqual<Activity[]>([
      { key: 'contact_created', type: 'contact_created', occurredAt: CREATED, detail: { source: 'PAID_SEARCH' } },
      { key: 'page_view:1', type: 'page_view', occurredAt: LAST_VISIT, detail: { ordinal: '1' } },
      { key: 'page_view:2', type: 'page_view', occurredAt: LAST_VISIT, detail: { ordinal: '2' } },
      { key: 'pricing_page_view:2', type: 'pricing_page_view', occurredAt: LAST_VISIT, detail: { url: 'https://www.example-saas.com/pricing', ordinal: '2' } },
      { key: `form_submission:demo request:${CONVERTED}`, type: 'form_submission', occurredAt: CONVERTED, detail: { form: 'Demo request' } },
      { key: `email_open:${OPENED}`, type: 'email_open', occurredAt: OPENED, detail: { openedAt: String(OPENED) } },
    ]);
  });

  it('dates activities without a time property at now, and yields only the creation for an empty contact', () => {
    expect(backfillActivities('7', {}, DEFAULT_ACTIVITY_MAPPING, NOW)).toEqual([
      { key: 'contact_created', type: 'contact_created', occurredAt: NOW, detail: {} },
    ]);
    expect(backfillActivities('7', { hs_email_optout: 'true' }, DEFAULT_ACTIVITY_MAPPING, NOW)).toContainEqual({
      key: 'unsubscribe:true',
      type: 'unsubscribe',
      occurredAt: NOW,
      detail: { optout: 'true' },
    });
  });

  it.each([0, 1, 7, 50, 120])('keys %i page views as the webhook path does', (count) => {
    const backfilled = backfillActivities('101', { hs_analytics_num_page_views: String(count) }, DEFAULT_ACTIVITY_MAPPING, NOW)
      .filter((a) => a.type === 'page_view')
      .map((a) => a.key);
    let facts: ContactFacts = {};
    const viaWebhooks: string[] = [];
    for (let n = 1; n <= count; n++) {
      const out = mapContactEvent(
        { key: `evt-${n}`, subscriptionType: 'contact.propertyChange', objectId: 101, occurredAt: NOW + n, propertyName: 'hs_analytics_num_page_views', propertyValue: String(n) },
        facts,
        DEFAULT_ACTIVITY_MAPPING,
      );
      facts = out.facts;
      viaWebhooks.push(...out.activities.map((a) => a.key));
    }
    expect(viaWebhooks.slice(-DEFAULT_ACTIVITY_MAPPING.counters[0]!.maxPerChange)).toEqual(backfilled);
  });

  it.each([
    ['hs_email_last_open_date', String(OPENED)],
    ['hs_email_last_click_date', String(OPENED)],
    ['recent_conversion_event_name', 'Whitepaper: State of B2B lead management 2025'],
    ['hs_email_optout', 'true'],
  ])('gives %s the same key and detail as its webhook', (property, webhookValue) => {
    const backfillValue = property.endsWith('_date') ? new Date(Number(webhookValue)).toISOString() : webhookValue;
    const [backfilled] = backfillActivities('101', { [property]: backfillValue }, DEFAULT_ACTIVITY_MAPPING, NOW).filter(
      (a) => a.type !== 'contact_created',
    );
    const [viaWebhook] = mapContactEvent(
      { key: 'evt-1', subscriptionType: 'contact.propertyChange', objectId: 101, occurredAt: NOW, propertyName: property, propertyValue: webhookValue },
      {},
      DEFAULT_ACTIVITY_MAPPING,
    ).activities;
    expect(backfilled?.key).toBe(viaWebhook?.key);
    expect(backfilled?.detail).toEqual(viaWebhook?.detail);
  });
});

describe('trackedProperties', () => {
  it('lists every contact property the default model reads, once', () => {
    expect(trackedProperties(DEFAULT_SCORING_MODEL)).toEqual([
      'country',
      'createdate',
      'hs_analytics_last_url',
      'hs_analytics_last_visit_timestamp',
      'hs_analytics_num_page_views',
      'hs_analytics_source',
      'hs_email_last_click_date',
      'hs_email_last_open_date',
      'hs_email_optout',
      'industry',
      'jobtitle',
      'lifecyclestage',
      'numemployees',
      'phone',
      'recent_conversion_date',
      'recent_conversion_event_name',
    ]);
  });
});
