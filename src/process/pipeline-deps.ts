import type { HubspotGateway } from '../hubspot/gateway';
import type { Logger } from '../log';
import type { Db } from '../store/db';
import type { SettingsStore } from '../store/settings-store';
import type { PipelineMetrics } from './pipeline-metrics';

/** What every part of the pipeline (workers, writer, backfill) is built from. */
export interface PipelineDeps {
  db: Db;
  gateway: HubspotGateway;
  settings: SettingsStore;
  logger: Logger;
  metrics: PipelineMetrics;
  now?: () => Date;
}

/** A HubSpot record's properties that hold a value (HubSpot sends null or '' for empty ones). */
export function presentValues(properties: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(properties).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
}
