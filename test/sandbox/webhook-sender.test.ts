import express from 'express';
import type { AddressInfo } from 'node:net';
import { verifyV3 } from '../../src/hubspot/signature';
import { sendWebhooks, type WebhookEvent } from '../../src/sandbox';

const clientSecret = 'test-client-secret';

function events(count: number, portalId = 62515): WebhookEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: i + 1, subscriptionId: 2_100_000, portalId, appId: 3_000_001, occurredAt: 1_736_150_400_000 + i,
    subscriptionType: 'contact.propertyChange', attemptNumber: 0, objectId: 101 + i,
    propertyName: 'hs_analytics_num_page_views', propertyValue: '1', changeSource: 'ANALYTICS',
  }));
}

interface Received { status: number; body: WebhookEvent[]; verified: ReturnType<typeof verifyV3>; version?: string }

/** A receiver that fails the first `failures` requests with 500 and verifies each signature. */
async function receiver(failures: number): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const app = express();
  app.post('/webhooks/hubspot', express.text({ type: 'application/json', limit: '5mb' }), (req, res) => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.originalUrl}`;
    const verified = verifyV3({
      clientSecret, method: req.method, uri: url, body: req.body as string, now: Date.now,
      signature: req.get('X-HubSpot-Signature-v3'), timestamp: req.get('X-HubSpot-Request-Timestamp'),
    });
    const status = received.length < failures ? 500 : 200;
    received.push({ status, body: JSON.parse(req.body as string) as WebhookEvent[], verified, version: req.get('X-HubSpot-Signature-Version') });
    res.status(status).end();
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/hubspot`,
    received,
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

describe('sendWebhooks', () => {
  it('posts signed batches of at most 100 events', async () => {
    const target = await receiver(0);
    try {
      const report = await sendWebhooks({ targetUrl: target.url, clientSecret, events: events(250), sleep: async () => undefined });
      expect(report).toEqual({ delivered: 250, failed: 0, requests: 3, retries: 0 });
      expect(target.received.map((r) => r.body.length).sort()).toEqual([100, 100, 50]);
      expect(target.received.every((r) => r.verified.ok && r.version === 'v3')).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('retries failed requests with backoff, counting attemptNumber', async () => {
    const target = await receiver(2);
    const delays: number[] = [];
    try {
      const report = await sendWebhooks({
        targetUrl: target.url, clientSecret, events: events(3), retry: { attempts: 10, baseDelayMs: 100 },
        sleep: async (ms) => { delays.push(ms); },
      });
      expect(report).toEqual({ delivered: 3, failed: 0, requests: 3, retries: 2 });
      expect(delays).toEqual([100, 200]);
      expect(target.received.map((r) => [r.status, r.body[0]?.attemptNumber])).toEqual([[500, 0], [500, 1], [200, 2]]);
      expect(target.received.every((r) => r.verified.ok)).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('gives up after the last attempt and counts network errors as failures', async () => {
    const report = await sendWebhooks({
      targetUrl: 'http://127.0.0.1:9/unreachable', clientSecret, events: events(5), retry: { attempts: 3, baseDelayMs: 1 },
      sleep: async () => undefined,
    });
    expect(report).toEqual({ delivered: 0, failed: 5, requests: 3, retries: 2 });
  });

  it('never mixes portals in one request', async () => {
    const target = await receiver(0);
    try {
      await sendWebhooks({ targetUrl: target.url, clientSecret, events: [...events(3, 1), ...events(2, 2)], sleep: async () => undefined });
      expect(target.received.map((r) => new Set(r.body.map((e) => e.portalId)).size)).toEqual([1, 1]);
    } finally {
      await target.close();
    }
  });
});
