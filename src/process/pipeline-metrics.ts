import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Db } from '../store/db';

/** The pipeline's metrics: inbox processing, dead letters, outbox writes, backfill progress. */
export function createPipelineMetrics(registry: Registry, db: Db) {
  const registers = [registry];
  return {
    processed: new Counter({ name: 'lead_manager_events_processed_total', help: 'Inbox events processed', registers }),
    failed: new Counter({ name: 'lead_manager_events_failed_total', help: 'Inbox event attempts that failed (retried with backoff)', registers }),
    deadLettered: new Counter({ name: 'lead_manager_events_dead_lettered_total', help: 'Inbox events given up on after their last attempt', registers }),
    deadLetters: new Gauge({
      name: 'lead_manager_dead_letters',
      help: 'Dead-lettered inbox events waiting for attention',
      registers,
      async collect() {
        const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox WHERE dead_at IS NOT NULL');
        this.set(row?.n ?? 0);
      },
    }),
    inboxBacklog: new Gauge({
      name: 'lead_manager_inbox_backlog',
      help: 'Inbox events not processed yet',
      registers,
      async collect() {
        const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox WHERE processed_at IS NULL AND dead_at IS NULL');
        this.set(row?.n ?? 0);
      },
    }),
    contactSeconds: new Histogram({
      name: 'lead_manager_contact_processing_seconds',
      help: 'Time to process one contact\u2019s events in its transaction',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
      registers,
    }),
    propertiesWritten: new Counter({ name: 'lead_manager_contacts_written_total', help: 'Contacts whose properties were written to HubSpot', registers }),
    writeFailures: new Counter({ name: 'lead_manager_contact_write_failures_total', help: 'Contact writes HubSpot refused', labelNames: ['reason'] as const, registers }),
    writeValidationErrors: new Counter({
      name: 'lead_manager_hubspot_write_validation_errors_total',
      help: 'Contact writes HubSpot refused for the portal\u2019s validation rules, by HubSpot\u2019s error code (required_property, invalid_option…)',
      labelNames: ['reason'] as const,
      registers,
    }),
    backfillDone: new Gauge({ name: 'lead_manager_backfill_done', help: 'Contacts backfilled so far', labelNames: ['portal'] as const, registers }),
    backfillTotal: new Gauge({ name: 'lead_manager_backfill_total', help: 'Contacts to backfill', labelNames: ['portal'] as const, registers }),
    backfillRate: new Gauge({ name: 'lead_manager_backfill_contacts_per_second', help: 'Backfill rate', labelNames: ['portal'] as const, registers }),
    backfillEtaSeconds: new Gauge({ name: 'lead_manager_backfill_eta_seconds', help: 'Estimated seconds to finish the backfill', labelNames: ['portal'] as const, registers }),
  };
}

export type PipelineMetrics = ReturnType<typeof createPipelineMetrics>;
