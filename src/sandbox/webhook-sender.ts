import { setTimeout as delay } from 'node:timers/promises';
import { signV3 } from '../hubspot/signature';
import type { Logger } from '../log';
import type { WebhookEvent } from './webhook-event';

export interface SendWebhooksOptions {
  targetUrl: string;
  clientSecret: string;
  events: readonly WebhookEvent[];
  /** Requests in flight at once (HubSpot: at least 5, usually 10). */
  maxConcurrentRequests?: number;
  /** Events per request, at most 100. */
  batchSize?: number;
  retry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Per-request timeout (HubSpot gives up after 5 s). */
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  logger?: Logger;
}

export interface SendWebhooksReport {
  /** Events whose request got a 2xx. */
  delivered: number;
  /** Events given up on after the last attempt. */
  failed: number;
  requests: number;
  retries: number;
}

/** Splits events into per-portal, time-ordered batches of at most `size`, as HubSpot batches per portal. */
export function webhookBatches(events: readonly WebhookEvent[], size: number): WebhookEvent[][] {
  const byPortal = new Map<number, WebhookEvent[]>();
  for (const event of events) {
    const list = byPortal.get(event.portalId);
    if (list) list.push(event);
    else byPortal.set(event.portalId, [event]);
  }
  const batches: WebhookEvent[][] = [];
  for (const list of byPortal.values()) {
    for (let i = 0; i < list.length; i += size) batches.push(list.slice(i, i + size));
  }
  return batches;
}

/**
 * Delivers events like HubSpot: JSON arrays of ≤100 events, signed v3, `maxConcurrentRequests` at a time,
 * non-2xx answers and network errors retried with exponential backoff, `attemptNumber` counting the retries.
 */
export async function sendWebhooks(options: SendWebhooksOptions): Promise<SendWebhooksReport> {
  const {
    targetUrl, clientSecret, maxConcurrentRequests = 10, now = Date.now,
    sleep = (ms: number) => delay(ms), timeoutMs = 5_000, logger,
  } = options;
  const batchSize = Math.min(options.batchSize ?? 100, 100);
  const attempts = options.retry?.attempts ?? 10;
  const baseDelayMs = options.retry?.baseDelayMs ?? 1_000;
  const maxDelayMs = options.retry?.maxDelayMs ?? 60 * 60_000;
  const doFetch = options.fetch ?? fetch;
  const report: SendWebhooksReport = { delivered: 0, failed: 0, requests: 0, retries: 0 };

  const post = async (batch: readonly WebhookEvent[], attemptNumber: number): Promise<boolean> => {
    const body = JSON.stringify(batch.map((event) => ({ ...event, attemptNumber })));
    const timestamp = now();
    report.requests++;
    try {
      const response = await doFetch(targetUrl, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'Content-Type': 'application/json',
          'X-HubSpot-Signature-v3': signV3({ clientSecret, method: 'POST', uri: targetUrl, body, timestamp }),
          'X-HubSpot-Request-Timestamp': String(timestamp),
          'X-HubSpot-Signature-Version': 'v3',
        },
      });
      await response.arrayBuffer();
      return response.ok;
    } catch (err) {
      logger?.debug({ err, attemptNumber }, 'sandbox: webhook delivery failed');
      return false;
    }
  };

  const deliver = async (batch: readonly WebhookEvent[]): Promise<void> => {
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) {
        report.retries++;
        await sleep(Math.min(baseDelayMs * 2 ** (attempt - 1), maxDelayMs));
      }
      if (await post(batch, attempt)) {
        report.delivered += batch.length;
        return;
      }
    }
    report.failed += batch.length;
    logger?.warn({ events: batch.length, attempts }, 'sandbox: gave up delivering a webhook batch');
  };

  const queue = webhookBatches(options.events, batchSize);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < queue.length) await deliver(queue[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(maxConcurrentRequests, queue.length)) }, worker));
  return report;
}
