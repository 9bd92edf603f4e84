import { Counter, type Registry } from 'prom-client';

export type WebhookRequestOutcome = 'stored' | 'unauthorized' | 'bad_request' | 'too_large' | 'unavailable';
export type WebhookEventOutcome = 'accepted' | 'duplicate' | 'rejected' | 'dropped';

export interface WebhookMetrics {
  requests: Counter<'outcome'>;
  /** `dropped`: the portal does not have the app installed. */
  events: Counter<'outcome'>;
}

const counter = (registry: Registry | undefined, name: string, help: string): Counter<'outcome'> =>
  (registry?.getSingleMetric(name) as Counter<'outcome'> | undefined) ??
  new Counter({ name, help, labelNames: ['outcome'] as const, registers: registry ? [registry] : [] });

/** Webhook counters on the service's registry (shared when several routers are built on one registry). */
export function webhookMetrics(registry?: Registry): WebhookMetrics {
  return {
    requests: counter(registry, 'lead_manager_webhook_requests_total', 'Webhook requests from HubSpot, by outcome'),
    events: counter(
      registry,
      'lead_manager_webhook_events_total',
      'Webhook events, by outcome: accepted, duplicate (already in the inbox), rejected (invalid), dropped (portal not installed)',
    ),
  };
}
