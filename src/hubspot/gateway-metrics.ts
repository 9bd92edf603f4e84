import { Counter, type Registry } from 'prom-client';

export type CallOutcome =
  | 'ok' | 'rate_limited' | 'daily_limit' | 'server_error' | 'network_error' | 'unauthorized' | 'client_error'
  | 'portal_inactive' | 'error';

/** Counts HubSpot calls (each attempt) by operation and outcome; portal ids stay out of the labels. */
export type CountCall = (operation: string, outcome: CallOutcome, portalId: number) => void;

const NAME = 'lead_manager_hubspot_calls_total';

export function createCallCounter(registry?: Registry): CountCall {
  if (!registry) return () => {};
  const counter =
    (registry.getSingleMetric(NAME) as Counter<'operation' | 'outcome'> | undefined) ??
    new Counter({
      name: NAME,
      help: 'HubSpot API calls (each attempt), by operation and outcome',
      labelNames: ['operation', 'outcome'] as const,
      registers: [registry],
    });
  return (operation, outcome) => counter.inc({ operation, outcome });
}
