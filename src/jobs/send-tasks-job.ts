import type { HubspotGateway } from '../hubspot/gateway';
import type { Logger } from '../log';
import { sendQueuedTasks } from '../write-back/task-outbox';
import type { Db } from '../store/db';
import { LOCK_KEYS } from '../store/lock-keys';
import type { JobDefinition } from './schedule-job';

/** Sends queued HubSpot tasks (SLA reminders and escalations, hold alerts) and retries failed ones, every minute. */
export function sendTasksJob(deps: { db: Db; gateway: HubspotGateway; logger: Logger }): JobDefinition {
  return { name: 'send-tasks', schedule: '* * * * *', lockKey: LOCK_KEYS.jobs['send-tasks'], run: (now) => sendQueuedTasks(deps, now) };
}
