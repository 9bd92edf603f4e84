import type { CallLedger } from '../hubspot/call-ledger';
import type { Queryable } from '../store/db';
import { installationPage, installationSummary, portalProgress, portalQueues, type InstallationSummary } from '../store/portal-status';

const HOUR_MS = 3_600_000;
/** HubSpot's limit for a marketplace app's OAuth calls per portal per rolling 10 s. */
export const HUBSPOT_CALL_BUDGET = 110;
/** HubSpot's certification asks for an API success rate above this. */
export const SUCCESS_RATE_TARGET = 0.95;
const SUCCESS_RATE_HOURS = 24;

/** Everything an operator asks first about a portal, for one portal or a page of them. */
export async function portalStatuses(deps: { db: Queryable; calls: CallLedger; now: () => Date }, installations: readonly InstallationSummary[]) {
  const ids = installations.map((installation) => installation.portalId);
  const since = new Date(Math.floor(deps.now().getTime() / HOUR_MS) * HOUR_MS - (SUCCESS_RATE_HOURS - 1) * HOUR_MS);
  const [queues, progress, outcomes, recent] = await Promise.all([
    portalQueues(deps.db, ids),
    portalProgress(deps.db, ids),
    deps.calls.outcomes(ids, since),
    Promise.all(ids.map((id) => deps.calls.recentCalls(id))),
  ]);
  return installations.map((installation, i) => {
    const { portalId } = installation;
    const calls = outcomes.get(portalId) ?? { ok: 0, failed: 0, lastRateLimitedAt: null };
    const attempts = calls.ok + calls.failed;
    const { inboxBacklog, deadLetters, lastWebhookAt, outboxBacklog, tasksBacklog } = queues.get(portalId)!;
    return {
      ...installation,
      installed: installation.status === 'active',
      lastWebhookAt,
      inbox: { backlog: inboxBacklog, deadLetters },
      outbox: { backlog: outboxBacklog, tasks: tasksBacklog },
      hubspotCalls: { ...recent[i]!, budget: HUBSPOT_CALL_BUDGET },
      lastRateLimitedAt: calls.lastRateLimitedAt,
      apiSuccessRate: {
        rate: attempts === 0 ? null : calls.ok / attempts,
        ok: calls.ok,
        failed: calls.failed,
        hours: SUCCESS_RATE_HOURS,
        target: SUCCESS_RATE_TARGET,
      },
      ...progress.get(portalId)!,
    };
  });
}

export type PortalStatus = Awaited<ReturnType<typeof portalStatuses>>[number];

export async function portalStatusPage(deps: Parameters<typeof portalStatuses>[0], after: number, limit: number) {
  const page = await installationPage(deps.db, after, limit);
  return { portals: await portalStatuses(deps, page), next: page.length === limit ? page[page.length - 1]!.portalId : null };
}

export async function portalStatus(deps: Parameters<typeof portalStatuses>[0], portalId: number): Promise<PortalStatus | undefined> {
  const installation = await installationSummary(deps.db, portalId);
  return installation ? (await portalStatuses(deps, [installation]))[0] : undefined;
}
