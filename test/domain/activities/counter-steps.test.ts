import {
  counterStepActivities,
  counterStepChanges,
  DEFAULT_ACTIVITY_MAPPING,
  mapContactEvent,
  STEP_LOG_ENTRIES,
  type Activity,
  type ContactEvent,
  type ContactFacts,
} from '../../../src/domain/activities';
import { shuffled } from '../support/scoring-fixtures';

const AT = Date.UTC(2025, 0, 6, 10);
const MINUTE = 60_000;
const SITE = 'https://www.example-saas.com';

let eventId = 0;
const change = (propertyName: string, propertyValue: string, occurredAt: number): ContactEvent => ({
  key: `evt-${++eventId}`,
  subscriptionType: 'contact.propertyChange',
  objectId: 101,
  occurredAt,
  propertyName,
  propertyValue,
});

/** A page view as HubSpot reports it: the counter always, the last page seen only when it changed. */
function visits(urls: readonly string[], from = AT): ContactEvent[] {
  const events: ContactEvent[] = [];
  urls.forEach((url, i) => {
    const at = from + i * MINUTE;
    events.push(change('hs_analytics_num_page_views', String(i + 1), at));
    if (url !== urls[i - 1]) events.push(change('hs_analytics_last_url', SITE + url, at));
  });
  return events;
}

/**
 * What the store ends with after the events arrive in `batches` (each applied in time order, as the worker
 * does): per batch, the paired activities retracted and derived, the rest kept at their earliest time.
 */
function settle(batches: readonly (readonly ContactEvent[])[]): Map<string, Activity> {
  const stored = new Map<string, Activity>();
  let facts: ContactFacts = {};
  for (const batch of batches) {
    const before = facts;
    const added: Activity[] = [];
    for (const event of [...batch].sort((a, b) => a.occurredAt - b.occurredAt)) {
      const out = mapContactEvent(event, facts, DEFAULT_ACTIVITY_MAPPING);
      facts = out.facts;
      added.push(...out.activities);
    }
    const paired = counterStepChanges(before, facts, DEFAULT_ACTIVITY_MAPPING);
    for (const key of paired.retracted) stored.delete(key);
    for (const activity of [...added, ...paired.activities]) {
      const known = stored.get(activity.key);
      if (!known || activity.occurredAt < known.occurredAt) stored.set(activity.key, known ? { ...known, occurredAt: activity.occurredAt } : activity);
    }
  }
  return stored;
}

const pricingKeys = (stored: Map<string, Activity>) => [...stored.keys()].filter((key) => key.startsWith('pricing_page_view:')).sort();

describe('a pricing visit is a page view whose last page seen is a pricing page', () => {
  it('counts every visit, repeat visits to the same page too (only the counter changes then)', () => {
    const stored = settle([visits(['/', '/pricing', '/pricing', '/pricing', '/blog', '/pricing'])]);
    expect(pricingKeys(stored)).toEqual(['pricing_page_view:2', 'pricing_page_view:3', 'pricing_page_view:4', 'pricing_page_view:6']);
    expect(stored.get('pricing_page_view:3')).toEqual<Activity>({
      key: 'pricing_page_view:3',
      type: 'pricing_page_view',
      occurredAt: AT + 2 * MINUTE,
      detail: { url: `${SITE}/pricing`, ordinal: '3' },
    });
    expect([...stored.keys()].filter((key) => key.startsWith('page_view:'))).toHaveLength(6);
  });

  it('pairs careers visits the same way', () => {
    expect([...settle([visits(['/careers', '/careers', '/'])]).keys()].filter((key) => key.startsWith('careers'))).toEqual([
      'careers_page_view:1',
      'careers_page_view:2',
    ]);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('gives the same activities in any order, grouping and with duplicates (seed %i)', (seed) => {
    const events = visits(['/pricing', '/pricing', '/', '/pricing', '/careers', '/careers', '/pricing', '/pricing', '/blog']);
    const reference = settle([events]);
    const deliveries = shuffled([...events, ...events.filter((_, i) => (i * seed) % 3 === 0)], seed);
    const batches: ContactEvent[][] = [];
    for (let i = 0; i < deliveries.length; i += 1 + (seed % 4)) batches.push(deliveries.slice(i, i + 1 + (seed % 4)));
    expect(settle(batches)).toEqual(reference);
  });

  it('retracts a visit once a later-learnt change of the page shows it was not on the pricing page', () => {
    const [firstCount, firstUrl, secondCount, secondUrl] = visits(['/pricing', '/blog']);
    const early = settle([[firstCount!, firstUrl!, secondCount!]]);
    expect(pricingKeys(early)).toEqual(['pricing_page_view:1', 'pricing_page_view:2']);
    expect(pricingKeys(settle([[firstCount!, firstUrl!, secondCount!], [secondUrl!]]))).toEqual(['pricing_page_view:1']);
  });

  it('keeps the newest changes only, and never retracts a visit older than what the logs still hold', () => {
    const events = visits(Array.from({ length: STEP_LOG_ENTRIES + 20 }, (_, i) => (i % 2 === 0 ? '/pricing' : '/blog')));
    let facts: ContactFacts = {};
    for (const event of events) facts = mapContactEvent(event, facts, DEFAULT_ACTIVITY_MAPPING).facts;
    const { activities, horizon } = counterStepActivities(facts, DEFAULT_ACTIVITY_MAPPING);
    expect(horizon).toBe(AT + 20 * MINUTE);
    expect(activities.every((activity) => activity.occurredAt >= horizon)).toBe(true);
    expect(activities).toHaveLength(STEP_LOG_ENTRIES / 2);
  });
});
