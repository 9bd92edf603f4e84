import {
  DEFAULT_ACTIVITY_MAPPING,
  factChangedAtKey,
  stepLogKey,
  mapContactEvent,
  type Activity,
  type ContactEvent,
  type ContactFacts,
} from '../../../src/domain/activities';
import { shuffled } from '../support/scoring-fixtures';

const AT = Date.UTC(2025, 0, 6, 10);
const OPENED = Date.UTC(2025, 0, 6, 9, 59, 30);

const change = (propertyName: string, propertyValue: string, key = 'evt-1', occurredAt = AT): ContactEvent => ({
  key,
  subscriptionType: 'contact.propertyChange',
  objectId: 101,
  occurredAt,
  propertyName,
  propertyValue,
});

const activity = (key: string, type: string, detail: Record<string, string>, occurredAt = AT): Activity => ({ key, type, occurredAt, detail });
const pageView = (ordinal: number): Activity => activity(`page_view:${ordinal}`, 'page_view', { ordinal: String(ordinal) });

describe('mapContactEvent: activities', () => {
  it.each<[string, ContactEvent, ContactFacts, Activity[]]>([
    [
      'creation, source from facts',
      { key: 'evt-1', subscriptionType: 'contact.creation', objectId: 101, occurredAt: AT },
      { hs_analytics_source: 'ORGANIC_SEARCH' },
      [activity('contact_created', 'contact_created', { source: 'ORGANIC_SEARCH' })],
    ],
    [
      'creation, source from the event when facts have none',
      { key: 'evt-1', subscriptionType: 'contact.creation', objectId: 101, occurredAt: AT, changeSource: 'FORM' },
      {},
      [activity('contact_created', 'contact_created', { source: 'FORM' })],
    ],
    ['page views 0 → 3', change('hs_analytics_num_page_views', '3'), {}, [pageView(1), pageView(2), pageView(3)]],
    ['page views 3 → 5', change('hs_analytics_num_page_views', '5'), { hs_analytics_num_page_views: '3' }, [pageView(4), pageView(5)]],
    // Out of order: the value names its whole window again, and the store keeps each ordinal's earliest time.
    ['page views decrease 5 → 4', change('hs_analytics_num_page_views', '4'), { hs_analytics_num_page_views: '5' }, [1, 2, 3, 4].map(pageView)],
    ['page views replay 5 → 5', change('hs_analytics_num_page_views', '5'), { hs_analytics_num_page_views: '5' }, [1, 2, 3, 4, 5].map(pageView)],
    [
      'page views 3 → 5 seen before a later 3',
      change('hs_analytics_num_page_views', '5'),
      { hs_analytics_num_page_views: '3', [factChangedAtKey('hs_analytics_num_page_views')]: String(AT + 1) },
      [1, 2, 3, 4, 5].map(pageView),
    ],
    ['page views not a number', change('hs_analytics_num_page_views', 'many'), {}, []],
    // The last page seen is paired with the page-view counter's steps (see counter-steps.test.ts), not an activity itself.
    ['pricing page, alone', change('hs_analytics_last_url', 'https://www.example-saas.com/pricing?plan=pro'), {}, []],
    ['other page', change('hs_analytics_last_url', 'https://www.example-saas.com/blog/speed-to-lead'), {}, []],
    [
      'email open (epoch ms), dated by the open',
      change('hs_email_last_open_date', String(OPENED)),
      {},
      [activity(`email_open:${OPENED}`, 'email_open', { openedAt: String(OPENED) }, OPENED)],
    ],
    [
      'email open (ISO 8601) has the same key',
      change('hs_email_last_open_date', new Date(OPENED).toISOString()),
      {},
      [activity(`email_open:${OPENED}`, 'email_open', { openedAt: String(OPENED) }, OPENED)],
    ],
    ['email open, unreadable date', change('hs_email_last_open_date', 'yesterday'), {}, []],
    [
      'email click',
      change('hs_email_last_click_date', String(OPENED)),
      {},
      [activity(`email_click:${OPENED}`, 'email_click', { clickedAt: String(OPENED) }, OPENED)],
    ],
    ['opt-out true', change('hs_email_optout', 'true'), {}, [activity('unsubscribe:true', 'unsubscribe', { optout: 'true' })]],
    ['opt-out false', change('hs_email_optout', 'false'), {}, []],
    [
      'form by name',
      change('recent_conversion_event_name', 'Webinar registration: Scoring that sales trusts'),
      {},
      [
        activity(`form_submission:webinar registration: scoring that sales trusts:${AT}`, 'form_submission', {
          form: 'Webinar registration: Scoring that sales trusts',
        }),
      ],
    ],
    ['form name cleared', change('recent_conversion_event_name', ''), {}, []],
    ['fit property', change('industry', 'Computer Software'), {}, []],
    ['deletion', { key: 'evt-1', subscriptionType: 'contact.deletion', objectId: 101, occurredAt: AT }, {}, []],
    ['merge', { key: 'evt-1', subscriptionType: 'contact.merge', objectId: 101, occurredAt: AT }, {}, []],
    ['privacy deletion', { key: 'evt-1', subscriptionType: 'contact.privacyDeletion', objectId: 101, occurredAt: AT }, {}, []],
  ])('%s', (_name, event, facts, expected) => {
    expect(mapContactEvent(event, facts, DEFAULT_ACTIVITY_MAPPING).activities).toEqual(expected);
  });

  it('yields at most maxPerChange activities for one jump, the most recent ordinals', () => {
    const { activities } = mapContactEvent(change('hs_analytics_num_page_views', '500'), {}, DEFAULT_ACTIVITY_MAPPING);
    expect(activities.map((a) => a.key)).toEqual(Array.from({ length: 50 }, (_, i) => `page_view:${451 + i}`));
  });

  it.each([
    ['one event', ['5']],
    ['two steps', ['2', '5']],
    ['out of order with a replay', ['3', '5', '4', '5']],
  ])('keys the n-th page view the same whichever event revealed it (%s)', (_name, values) => {
    let facts: ContactFacts = {};
    const keys: string[] = [];
    values.forEach((value, i) => {
      const out = mapContactEvent(change('hs_analytics_num_page_views', value, `evt-${i}`, AT + i), facts, DEFAULT_ACTIVITY_MAPPING);
      facts = out.facts;
      keys.push(...out.activities.map((a) => a.key));
    });
    expect([...new Set(keys)].sort()).toEqual(['page_view:1', 'page_view:2', 'page_view:3', 'page_view:4', 'page_view:5']);
    expect(facts.hs_analytics_num_page_views).toBe('5');
  });
});

describe('mapContactEvent: facts', () => {
  it('keeps the highest counter value seen, and the latest time one was seen', () => {
    const changedAt = factChangedAtKey('hs_analytics_num_page_views');
    const steps = stepLogKey('hs_analytics_num_page_views');
    const facts = { hs_analytics_num_page_views: '7', [changedAt]: String(AT), [steps]: JSON.stringify([[AT, '7']]) };
    // Every step goes into the counter's log (pricing visits pair with it); the value and its time stay the highest and latest.
    expect(mapContactEvent(change('hs_analytics_num_page_views', '4', 'e', AT - 1), facts, DEFAULT_ACTIVITY_MAPPING).facts).toEqual({
      ...facts,
      [steps]: JSON.stringify([[AT - 1, '4'], [AT, '7']]),
    });
    expect(mapContactEvent(change('hs_analytics_num_page_views', '9', 'e', AT + 1), facts, DEFAULT_ACTIVITY_MAPPING).facts).toEqual({
      hs_analytics_num_page_views: '9',
      [changedAt]: String(AT + 1),
      [steps]: JSON.stringify([[AT, '7'], [AT + 1, '9']]),
    });
  });

  it('a form submitted twice is two submissions; the same submission delivered twice is one', () => {
    const form = (key: string, at: number) => mapContactEvent(change('recent_conversion_event_name', 'Demo request', key, at), {}, DEFAULT_ACTIVITY_MAPPING).activities;
    const keys = [...form('e1', AT), ...form('e1-retry', AT), ...form('e2', AT + 86_400_000)].map((a) => a.key);
    expect(new Set(keys).size).toBe(2);
  });

  it('records a property change with when it happened, without any activity', () => {
    const out = mapContactEvent(change('industry', 'Computer Software'), {}, DEFAULT_ACTIVITY_MAPPING);
    expect(out).toEqual({ activities: [], facts: { industry: 'Computer Software', [factChangedAtKey('industry')]: String(AT) } });
  });

  it('forgets a cleared property', () => {
    const out = mapContactEvent(change('industry', ''), { industry: 'Retail' }, DEFAULT_ACTIVITY_MAPPING);
    expect(out.facts).toEqual({ [factChangedAtKey('industry')]: String(AT) });
  });

  it('leaves facts alone for events that are not property changes', () => {
    const facts = { industry: 'Retail' };
    const deletion: ContactEvent = { key: 'evt-1', subscriptionType: 'contact.deletion', objectId: 101, occurredAt: AT };
    expect(mapContactEvent(deletion, facts, DEFAULT_ACTIVITY_MAPPING).facts).toBe(facts);
  });

  it('ends with the latest value whatever order the changes arrive in', () => {
    const changes = [
      change('industry', 'Retail', 'a', AT),
      change('industry', 'Computer Software', 'b', AT + 2 * 60_000),
      change('industry', 'Banking', 'c', AT + 60_000),
      change('country', 'Germany', 'd', AT),
      change('country', 'France', 'e', AT), // same time: the greater value wins, in any order
      change('hs_analytics_num_page_views', '4', 'f', AT),
      change('hs_analytics_num_page_views', '2', 'g', AT + 60_000),
    ];
    const results = Array.from({ length: 50 }, (_, seed) =>
      shuffled(changes, seed).reduce<ContactFacts>((facts, event) => mapContactEvent(event, facts, DEFAULT_ACTIVITY_MAPPING).facts, {}),
    );
    for (const facts of results) expect(facts).toEqual(results[0]);
    expect(results[0]).toMatchObject({ industry: 'Computer Software', country: 'Germany', hs_analytics_num_page_views: '4' });
  });
});
