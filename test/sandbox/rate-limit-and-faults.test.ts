import request from 'supertest';
import { callPaths } from '../../src/sandbox';
import { manualClock, sandboxWithToken } from './harness';

describe('per-portal rate limit', () => {
  it('serves 110 requests in a rolling 10 s window, answers the 111th 429 with HubSpot’s body and headers', async () => {
    const clock = manualClock();
    const { sandbox, auth, portalId } = sandboxWithToken({ now: clock.now });
    const app = sandbox.handler;
    for (let i = 0; i < 110; i++) {
      const ok = await request(app).post('/crm/v3/objects/contacts/batch/read').set(auth).send({ inputs: [] }).expect(200);
      expect(ok.headers['x-hubspot-ratelimit-remaining']).toBe(String(109 - i));
      clock.advance(10);
    }
    const limited = await request(app).post('/crm/v3/objects/contacts/batch/read').set(auth).send({ inputs: [] }).expect(429);
    expect(limited.body).toEqual({
      status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT',
      correlationId: expect.any(String), policyName: 'TEN_SECONDLY_ROLLING', groupName: expect.any(String),
    });
    expect(limited.headers).toMatchObject({
      'x-hubspot-ratelimit-max': '110', 'x-hubspot-ratelimit-remaining': '0', 'x-hubspot-ratelimit-interval-milliseconds': '10000',
    });

    clock.advance(10_000 - 110 * 10 + 1);
    await request(app).post('/crm/v3/objects/contacts/batch/read').set(auth).send({ inputs: [] }).expect(200);

    expect(sandbox.calls.count({ portalId, path: callPaths.batchRead, version: 'v3', status: 429 })).toBe(1);
    expect(sandbox.calls.maxInWindow(10_000, { portalId, status: 200 })).toBe(110);
    expect(sandbox.calls.countBy('status', { portalId })).toEqual({ '200': 111, '429': 1 });
  });

  it('limits each portal separately and never limits OAuth endpoints', async () => {
    const clock = manualClock();
    const { sandbox, auth } = sandboxWithToken({ now: clock.now, rateLimit: { maxRequests: 2, windowMs: 1_000 } });
    const other = sandbox.state.createPortal();
    const otherAuth = { Authorization: `Bearer ${sandbox.issueTokens(other.portalId).accessToken}` };
    const app = sandbox.handler;
    await request(app).get('/crm/v3/owners').set(auth).expect(200);
    await request(app).get('/crm/v3/owners').set(auth).expect(200);
    await request(app).get('/crm/v3/owners').set(auth).expect(429);
    await request(app).get('/crm/v3/owners').set(otherAuth).expect(200);
    for (let i = 0; i < 5; i++) await request(app).get(`/oauth/v1/access-tokens/${auth.Authorization.slice(7)}`).expect(200);
  });

  it('keeps search under its own per-second limit', async () => {
    const clock = manualClock();
    const { sandbox, auth } = sandboxWithToken({ now: clock.now });
    for (let i = 0; i < 5; i++) await request(sandbox.handler).post('/crm/v3/objects/contacts/search').set(auth).send({}).expect(200);
    const limited = await request(sandbox.handler).post('/crm/v3/objects/contacts/search').set(auth).send({}).expect(429);
    expect(limited.body).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'SECONDLY' });
    await request(sandbox.handler).get('/crm/v3/owners').set(auth).expect(200);
  });
});

describe('fault injection', () => {
  it('injects 429s (with Retry-After) and 5xx at the configured rates, reproducibly for a seed', async () => {
    const run = async (): Promise<number[]> => {
      const { sandbox, auth } = sandboxWithToken({ seed: 42, rateLimit: { maxRequests: 1_000, windowMs: 10_000 } });
      sandbox.setFaults({ rate429: 0.2, rate5xx: 0.2, retryAfterSeconds: 3 });
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) {
        const res = await request(sandbox.handler).get('/crm/v3/owners').set(auth);
        statuses.push(res.status);
        if (res.status === 429) {
          expect(res.headers['retry-after']).toBe('3');
          expect(res.body.policyName).toBe('TEN_SECONDLY_ROLLING');
        }
        if (res.status >= 500) expect(res.body).toMatchObject({ status: 'error', correlationId: expect.any(String) });
      }
      return statuses;
    };
    const first = await run();
    expect(first).toEqual(await run());
    expect(first.filter((s) => s === 429).length).toBeGreaterThan(3);
    expect(first.filter((s) => s === 502 || s === 503).length).toBeGreaterThan(3);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(20);
  });

  it('stops injecting once faults are cleared', async () => {
    const { sandbox, auth } = sandboxWithToken();
    sandbox.setFaults({ rate5xx: 1 });
    await request(sandbox.handler).get('/crm/v3/owners').set(auth).expect((res) => expect([502, 503]).toContain(res.status));
    sandbox.setFaults({});
    await request(sandbox.handler).get('/crm/v3/owners').set(auth).expect(200);
  });
});
