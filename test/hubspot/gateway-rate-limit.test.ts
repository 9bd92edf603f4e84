import nock from 'nock';
import { silentLogger } from '../../src/log';
import { createPortalLimiters } from '../../src/hubspot/limiter';
import { API, BATCH_OK, CONTACT, fakeTokens, maxInRollingWindow, testGateway } from './gateway-test-kit';

const READ = '/crm/objects/2026-03/contacts/batch/read';
const MAX_REQUESTS = 20;
const WINDOW_MS = 200;
/**
 * How much later one request may reach nock than another after leaving the limiter. Idle, that is ~10–20 ms
 * under jest; on a loaded 2-core CI machine the event loop alone can be 100 ms late, so the budget covers that.
 */
const JITTER_MS = 150;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** Answers every batch read, noting when each request reached "HubSpot" and for which portal (by its token). */
function recordArrivals(times: number) {
  const arrivals: { portal: string; at: number }[] = [];
  nock(API)
    .post(READ)
    .query(true)
    .times(times)
    .reply(function reply() {
      const token = String(this.req.headers.authorization ?? '');
      arrivals.push({ portal: token.split('-')[1] ?? '?', at: performance.now() });
      return [200, BATCH_OK([CONTACT('1')])];
    });
  return arrivals;
}

function scaledDownGateway() {
  return testGateway({
    tokens: fakeTokens(),
    limiters: createPortalLimiters({ logger: silentLogger, maxRequests: MAX_REQUESTS, windowMs: WINDOW_MS, jitterMs: JITTER_MS }),
  });
}

describe('HubSpot gateway rate limits', () => {
  test('a burst of 500 calls for one portal never exceeds the limit in any rolling window', async () => {
    const arrivals = recordArrivals(500);
    const gateway = scaledDownGateway();
    const portal = gateway.forPortal(7);

    await Promise.all(Array.from({ length: 500 }, () => portal.contacts.batchRead(['1'], ['email'])));
    await gateway.close();

    expect(arrivals).toHaveLength(500);
    expect(maxInRollingWindow(arrivals.map((a) => a.at), WINDOW_MS)).toBeLessThanOrEqual(MAX_REQUESTS);
  }, 30_000);

  test("two portals' limits are independent: B is not held behind A's backlog", async () => {
    const arrivals = recordArrivals(101);
    const gateway = scaledDownGateway();
    const a = gateway.forPortal(1);
    const b = gateway.forPortal(2);

    const backlog = Promise.all(Array.from({ length: 100 }, () => a.contacts.batchRead(['1'], ['email'])));
    await b.contacts.batchRead(['1'], ['email']);
    const aServedBeforeB = arrivals.filter((arrival) => arrival.portal === '1').length;
    await backlog;
    await gateway.close();

    // A's 100 calls need ~1 s at 20 / 200 ms; B's one call got through while nearly all of them still waited.
    expect(aServedBeforeB).toBeLessThan(10);
  });

  test('search has its own quota: a search is not held behind the portal\'s backlog of other calls', async () => {
    const arrivals = recordArrivals(100);
    const search = nock(API).post('/crm/objects/2026-03/contacts/search').reply(200, { total: 0, results: [] });
    const gateway = scaledDownGateway();
    const portal = gateway.forPortal(3);

    const backlog = Promise.all(Array.from({ length: 100 }, () => portal.contacts.batchRead(['1'], ['email'])));
    const page = await portal.contacts.search({ filterGroups: [], limit: 10 });
    const servedBeforeSearch = arrivals.length;
    await backlog;
    await gateway.close();

    expect(page).toEqual({ results: [], after: undefined, total: 0 });
    expect(search.isDone()).toBe(true);
    expect(servedBeforeSearch).toBeLessThan(10);
  });
});
