import IORedis from 'ioredis';
import { CallLedger } from '../../src/hubspot/call-ledger';
import { silentLogger } from '../../src/log';
import type { Db } from '../../src/store/db';
import { testDatabases } from '../support/databases';

const redisUrl = process.env.REDIS_URL;
const T0 = new Date('2026-11-30T10:00:00Z');

describe.each(testDatabases)('HubSpot call ledger on $name', (database) => {
  let db: Db;
  let at: Date;
  const now = () => at;

  beforeAll(async () => {
    db = await database.open();
  });
  afterAll(() => db.close());
  beforeEach(() => {
    at = T0;
  });

  it('keeps its own last 10 s without Redis, and says so', async () => {
    const ledger = new CallLedger({ db, logger: silentLogger, now });
    ledger.record(1, 'ok');
    ledger.record(1, 'rate_limited');
    ledger.record(1, 'portal_inactive');
    ledger.record(2, 'ok');
    expect(await ledger.recentCalls(1)).toEqual({ calls: 2, windowSeconds: 10, scope: 'this process' });
    at = new Date(T0.getTime() + 9_999);
    expect((await ledger.recentCalls(1)).calls).toBe(2);
    at = new Date(T0.getTime() + 10_000);
    expect((await ledger.recentCalls(1)).calls).toBe(0);
  });

  it('adds every instance\u2019s outcomes per hour in the database: success rate and last 429', async () => {
    const a = new CallLedger({ db, logger: silentLogger, now });
    const b = new CallLedger({ db, logger: silentLogger, now });
    a.record(11, 'ok');
    a.record(11, 'ok');
    b.record(11, 'ok');
    b.record(11, 'rate_limited');
    await a.flush();
    at = new Date(T0.getTime() + 3_600_000);
    a.record(11, 'server_error');
    a.record(11, 'portal_inactive');
    await b.flush();

    expect(await a.outcomes([11, 12], T0)).toEqual(new Map([[11, { ok: 3, failed: 2, lastRateLimitedAt: T0 }]]));
    // An hour before the window is not in the rate; the last 429 is still known.
    expect(await b.outcomes([11], new Date(T0.getTime() + 3_600_000))).toEqual(new Map([[11, { ok: 0, failed: 1, lastRateLimitedAt: T0 }]]));
  });

  (redisUrl ? it : it.skip)('shares the last 10 s between instances through Redis', async () => {
    const redis = new IORedis(redisUrl!);
    const portalId = 900_000_000 + Math.floor(Math.random() * 1_000_000);
    at = new Date();
    try {
      const a = new CallLedger({ db, redis, logger: silentLogger, now });
      const b = new CallLedger({ db, redis, logger: silentLogger, now });
      a.record(portalId, 'ok');
      a.record(portalId, 'ok');
      b.record(portalId, 'client_error');
      b.record(portalId, 'portal_inactive');
      await redis.ping(); // after the counts' own commands on the shared connection
      expect(await a.recentCalls(portalId)).toEqual({ calls: 3, windowSeconds: 10, scope: 'all instances' });
      expect((await b.recentCalls(portalId)).calls).toBe(3);
      at = new Date(at.getTime() + 10_000);
      expect((await b.recentCalls(portalId)).calls).toBe(0);
    } finally {
      await redis.quit();
    }
  });
});
