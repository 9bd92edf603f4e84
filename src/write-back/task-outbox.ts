import type { HubspotGateway } from '../hubspot/gateway';
import { HubspotApiError } from '../hubspot/api-error';
import { PortalInactiveError } from '../hubspot/token-provider';
import type { Logger } from '../log';
import type { Db, Queryable } from '../store/db';
import { givenUp, QUEUE_RETRY, retryAt } from '../store/queue-retry';

const TASK_TO_CONTACT = 204; // HubSpot-defined association: task → contact
const LEASE_MS = 120_000;

export interface QueuedTask {
  contactId: number;
  /** One task per key, however often the decision behind it is replayed (e.g. `sla:<clock>:remind`). */
  dedupeKey: string;
  ownerId: string;
  subject: string;
  body: string;
  /** The task's due time in HubSpot (hs_timestamp); now when not given. */
  dueAt?: Date;
}

/** Queues a HubSpot task in the caller's transaction; a key already queued is left as it is. Returns whether it was new. */
export async function queueTask(tx: Queryable, portalId: number, task: QueuedTask, now: Date): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO task_outbox (portal_id, contact_id, dedupe_key, owner_id, subject, body, due_at, created_at, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (portal_id, dedupe_key) DO NOTHING RETURNING 1`,
    [portalId, task.contactId, task.dedupeKey, task.ownerId, task.subject, task.body, task.dueAt ?? now, now],
  );
  return rows.length > 0;
}

interface ClaimedTask {
  id: number;
  portal_id: number;
  contact_id: number;
  owner_id: string;
  subject: string;
  body: string;
  due_at: Date;
  attempts: number;
}

/**
 * Creates queued tasks in HubSpot, oldest first. Claims take a lease (so concurrent senders never send one
 * twice); a failure backs off exponentially and gives up after 8 attempts, keeping the error. A crash between
 * HubSpot's answer and the commit can repeat one task: at least once, never lost.
 */
export async function sendQueuedTasks(deps: { db: Db; gateway: HubspotGateway; logger: Logger }, now: Date, limit = 100): Promise<{ sent: number; failed: number }> {
  const claimed = await deps.db.query<ClaimedTask>(
    `UPDATE task_outbox SET next_attempt_at = $2, attempts = attempts + 1
     WHERE id IN (SELECT id FROM task_outbox WHERE sent_at IS NULL AND attempts < $3 AND next_attempt_at <= $1
                  ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
     RETURNING id, portal_id, contact_id, owner_id, subject, body, due_at, attempts`,
    [now, new Date(now.getTime() + LEASE_MS), QUEUE_RETRY.tasks.maxAttempts, limit],
  );
  let sent = 0;
  let failed = 0;
  for (const task of claimed.sort((a, b) => a.id - b.id)) {
    try {
      const record = await deps.gateway.forPortal(task.portal_id).tasks.create({
        properties: {
          hs_task_subject: task.subject,
          hs_task_body: task.body,
          hs_timestamp: task.due_at.toISOString(),
          hubspot_owner_id: task.owner_id,
          hs_task_status: 'NOT_STARTED',
          hs_task_priority: 'HIGH',
        },
        associations: [{ toObjectId: String(task.contact_id), associationTypeId: TASK_TO_CONTACT }],
      });
      await deps.db.query('UPDATE task_outbox SET sent_at = $2, task_id = $3, last_error = NULL WHERE id = $1', [task.id, now, record.id]);
      sent += 1;
    } catch (error) {
      failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      // HubSpot refusing the task itself (e.g. 400 for an owner deactivated since) will not change with retries.
      const refused = error instanceof HubspotApiError && error.status >= 400 && error.status < 500 && error.status !== 429;
      const giveUp = error instanceof PortalInactiveError || refused || givenUp(QUEUE_RETRY.tasks, task.attempts);
      const nextAttempt = retryAt(QUEUE_RETRY.tasks, task.attempts, now);
      await deps.db.query('UPDATE task_outbox SET next_attempt_at = $2, last_error = $3, attempts = CASE WHEN $4 THEN $5 ELSE attempts END WHERE id = $1', [
        task.id,
        nextAttempt,
        message.slice(0, 1000),
        giveUp,
        QUEUE_RETRY.tasks.maxAttempts,
      ]);
      const log = { portalId: task.portal_id, contactId: task.contact_id, task: task.subject, attempts: task.attempts, err: error };
      if (giveUp) deps.logger.error(log, 'HubSpot task could not be created; given up');
      else deps.logger.warn(log, 'HubSpot task could not be created; will retry');
    }
  }
  return { sent, failed };
}
