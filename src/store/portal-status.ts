import type { Queryable } from './db';

export interface PortalQueues {
  inboxBacklog: number;
  deadLetters: number;
  lastWebhookAt: Date | null;
  outboxBacklog: number;
  tasksBacklog: number;
}

export interface InstallationSummary {
  portalId: number;
  status: 'active' | 'uninstalled';
  hubDomain: string | null;
  scopes: string[];
  installedAt: Date;
  uninstalledAt: Date | null;
  uninstallReason: string | null;
}

const INSTALLATION_COLUMNS = `portal_id AS "portalId", status, hub_domain AS "hubDomain", scopes, installed_at AS "installedAt",
  uninstalled_at AS "uninstalledAt", uninstall_reason AS "uninstallReason"`;

/** A page of installations in portal id order, after `afterPortalId`. */
export async function installationPage(db: Queryable, afterPortalId: number, limit: number): Promise<InstallationSummary[]> {
  return db.query<InstallationSummary>(`SELECT ${INSTALLATION_COLUMNS} FROM installations WHERE portal_id > $1 ORDER BY portal_id LIMIT $2`, [afterPortalId, limit]);
}

export async function installationSummary(db: Queryable, portalId: number): Promise<InstallationSummary | undefined> {
  const [row] = await db.query<InstallationSummary>(`SELECT ${INSTALLATION_COLUMNS} FROM installations WHERE portal_id = $1`, [portalId]);
  return row;
}

/** What waits in each portal's queues, in five statements whatever the number of portals. */
export async function portalQueues(db: Queryable, portalIds: readonly number[]): Promise<Map<number, PortalQueues>> {
  const queues = new Map<number, PortalQueues>(
    portalIds.map((id) => [id, { inboxBacklog: 0, deadLetters: 0, lastWebhookAt: null, outboxBacklog: 0, tasksBacklog: 0 }]),
  );
  const [backlog, dead, last, outbox, tasks] = await Promise.all([
    db.query<{ portal_id: number; n: number }>(
      'SELECT portal_id, count(*)::int AS n FROM inbox WHERE portal_id = ANY($1::bigint[]) AND processed_at IS NULL AND dead_at IS NULL GROUP BY portal_id',
      [portalIds],
    ),
    db.query<{ portal_id: number; n: number }>(
      'SELECT portal_id, count(*)::int AS n FROM inbox WHERE portal_id = ANY($1::bigint[]) AND dead_at IS NOT NULL GROUP BY portal_id',
      [portalIds],
    ),
    db.query<{ portal_id: number; at: Date }>('SELECT portal_id, max(received_at) AS at FROM inbox WHERE portal_id = ANY($1::bigint[]) GROUP BY portal_id', [portalIds]),
    db.query<{ portal_id: number; n: number }>('SELECT portal_id, count(*)::int AS n FROM outbox WHERE portal_id = ANY($1::bigint[]) GROUP BY portal_id', [portalIds]),
    db.query<{ portal_id: number; n: number }>(
      'SELECT portal_id, count(*)::int AS n FROM task_outbox WHERE portal_id = ANY($1::bigint[]) AND sent_at IS NULL GROUP BY portal_id',
      [portalIds],
    ),
  ]);
  for (const row of backlog) queues.get(row.portal_id)!.inboxBacklog = row.n;
  for (const row of dead) queues.get(row.portal_id)!.deadLetters = row.n;
  for (const row of last) queues.get(row.portal_id)!.lastWebhookAt = row.at;
  for (const row of outbox) queues.get(row.portal_id)!.outboxBacklog = row.n;
  for (const row of tasks) queues.get(row.portal_id)!.tasksBacklog = row.n;
  return queues;
}

export interface Progress {
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number | null;
  updatedAt: Date;
  lastError: string | null;
}

/** Each portal's backfill and publish-rescore, as the instances running them recorded them. */
export async function portalProgress(db: Queryable, portalIds: readonly number[]): Promise<Map<number, { backfill: Progress | null; rescore: Progress | null }>> {
  const columns = 'portal_id, state, done, total, updated_at AS "updatedAt", last_error AS "lastError"';
  const [backfills, rescores] = await Promise.all([
    db.query<Progress & { portal_id: number }>(`SELECT ${columns} FROM backfills WHERE portal_id = ANY($1::bigint[])`, [portalIds]),
    db.query<Progress & { portal_id: number }>(`SELECT ${columns} FROM rescores WHERE portal_id = ANY($1::bigint[])`, [portalIds]),
  ]);
  const progress = new Map(portalIds.map((id) => [id, { backfill: null as Progress | null, rescore: null as Progress | null }]));
  for (const { portal_id, ...row } of backfills) progress.get(portal_id)!.backfill = row;
  for (const { portal_id, ...row } of rescores) progress.get(portal_id)!.rescore = row;
  return progress;
}
