import { Router, type ErrorRequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { readRawBody } from '../http/read-raw-body';
import { verifyHubspotRequest } from '../http/verify-hubspot-request';
import { LIMITS } from '../limits';
import type { Logger } from '../log';
import type { InboxWriter } from './inbox-writer';
import { classifyEvents, parseWebhookBody } from './webhook-batch';
import { webhookMetrics } from './webhook-metrics';
import type { InstalledPortals } from './webhook-portals';

export const WEBHOOKS_PATH = '/webhooks/hubspot';

export interface WebhooksRouterDeps {
  /** The app's client secret: HubSpot signs webhook requests with it. */
  clientSecret: string;
  /** The public base URL HubSpot calls; the signed URI is this + the request's path and query. */
  appBaseUrl: string;
  inbox: InboxWriter;
  portals: InstalledPortals;
  registry?: Registry;
  logger: Logger;
  now: () => Date;
}

export interface WebhookSummary {
  accepted: number;
  duplicates: number;
  rejected: number;
  dropped: number;
}

/**
 * `POST /webhooks/hubspot`: verify, validate each event, store the valid ones in the inbox and answer 200
 * only once they are committed; a database that cannot take them gets a 503, and HubSpot retries.
 */
export function webhooksRouter(deps: WebhooksRouterDeps): Router {
  const router = Router();
  const metrics = webhookMetrics(deps.registry);

  router.post(WEBHOOKS_PATH, readRawBody(LIMITS.webhooks.bodyBytes), async (req, res) => {
    const { body, verified } = verifyHubspotRequest(req, deps);
    if (!verified.ok) {
      metrics.requests.inc({ outcome: 'unauthorized' });
      deps.logger.warn({ reason: verified.reason, ip: req.ip }, 'webhook request refused: signature');
      res.status(401).json({ error: `signature ${verified.reason}` });
      return;
    }

    const parsed = parseWebhookBody(body);
    if (!parsed.ok) {
      metrics.requests.inc({ outcome: 'bad_request' });
      deps.logger.warn({ reason: parsed.reason, ip: req.ip }, 'webhook request refused: body');
      res.status(400).json({ error: parsed.reason });
      return;
    }

    const { valid, rejected, allAsSent } = classifyEvents(parsed.elements);
    const portalIds = new Set(valid.map((row) => row.portalId));
    // A child logger costs more than a request that logs nothing: made only when there is something to say.
    const log = () => deps.logger.child(portalIds.size === 1 ? { portalId: [...portalIds][0] } : { portalIds: [...portalIds] });
    let summary: WebhookSummary;
    try {
      const installed = await deps.portals.active(portalIds);
      const rows = valid.filter((row) => installed.has(row.portalId));
      // When every event is stored as sent, the body already is the payloads' JSON: no need to write it again.
      const payloadsJson = allAsSent && rows.length === valid.length ? body : undefined;
      const { accepted, duplicates } = await deps.inbox.write({ rows, rejected, payloadsJson });
      summary = { accepted, duplicates, rejected: rejected.length, dropped: valid.length - rows.length };
    } catch (error) {
      metrics.requests.inc({ outcome: 'unavailable' });
      log().error({ err: error, events: parsed.elements.length }, 'webhook events not stored (database unavailable); HubSpot will retry');
      res.status(503).json({ error: 'storage unavailable, retry later' });
      return;
    }

    metrics.requests.inc({ outcome: 'stored' });
    metrics.events.inc({ outcome: 'accepted' }, summary.accepted);
    metrics.events.inc({ outcome: 'duplicate' }, summary.duplicates);
    metrics.events.inc({ outcome: 'rejected' }, summary.rejected);
    metrics.events.inc({ outcome: 'dropped' }, summary.dropped);
    if (summary.rejected > 0) {
      log().warn({ rejected: summary.rejected, firstReason: rejected[0]?.reason }, 'invalid webhook events kept in rejected_events');
    }
    if (summary.dropped > 0) log().info({ dropped: summary.dropped }, 'webhook events dropped: portal does not have the app installed');
    res.json(summary);
  });

  const onBodyError: ErrorRequestHandler = (error, req, res, next) => {
    if ((error as { type?: unknown }).type !== 'entity.too.large') return next(error);
    metrics.requests.inc({ outcome: 'too_large' });
    deps.logger.warn({ ip: req.ip, contentLength: req.get('content-length') }, 'webhook request refused: body too large');
    res.status(413).json({ error: (error as Error).message });
  };
  router.use(WEBHOOKS_PATH, onBodyError);

  return router;
}
