import { Router } from 'express';
import { z } from 'zod';
import type { PublishPermissionCheck } from '../access/publish-permission';
import { portalSettingsSchema, type PortalSettings } from '../domain/portal-settings';
import { ownerIssues } from '../domain/routing';
import type { Logger } from '../log';
import { previewPortal } from './preview-portal';
import type { PortalRescorer } from '../process/rescore-portal';
import { recordAudit } from '../store/audit-log';
import type { Db } from '../store/db';
import { listOwners } from '../store/owners';
import type { SettingsStore } from '../store/settings-store';
import { previewResponse, rescoreResponse, settingsAccessResponse, versionResponse } from './api-responses';
import { callerOf, parseBody, sendJson } from './hubspot-fetch-auth';
import { requirePublishPermission } from './require-publish-permission';
import { issuesAnswer } from './issues-answer';
import { previewDraftRouting } from './routing-preview';
import type { SettingsParser } from './settings-parser';
import { ownersResponse, routingPreviewResponse } from './settings-routing-responses';

const draftBody = z.object({ settings: z.unknown() });
const publishBody = z.object({ settings: z.unknown(), note: z.string().trim().max(500).optional() });
const rollbackBody = z.object({ version: z.number().int().positive() });
const routingPreviewBody = z.object({ draft: z.unknown(), limit: z.number().int().min(1).max(500).default(50) });
const NO_ROUTING = [{ path: ['routing'], message: 'Turn on routing to preview where leads would go' }];

export interface SettingsRouterDeps {
  db: Db;
  settings: SettingsStore;
  rescorer: PortalRescorer;
  /** Who may publish and roll back: everyone may read, check and preview. */
  publishPermission: PublishPermissionCheck;
  /** Checks drafts off the event loop. */
  parser: SettingsParser;
  logger: Logger;
  now: () => Date;
}

/**
 * The settings page's API: versions, inline validation, "what if" previews (scoring and routing), publish with rescore,
 * rollback, owners to choose from. Anyone in the portal may read, check and preview; publishing and rolling back are
 * for those `publishPermission` allows, and the overview says whether the caller is one.
 */
export function settingsRouter(deps: SettingsRouterDeps): Router {
  const router = Router();
  const { db } = deps;
  const mayPublish = requirePublishPermission(deps.publishPermission);

  /** Validates a draft; answers 400 with field issues and returns undefined when it does not hold. */
  const validDraft = async (settings: unknown, res: Parameters<typeof sendJson>[0]): Promise<PortalSettings | undefined> => {
    const parsed = await deps.parser.parse(settings);
    if (parsed.success) return parsed.data;
    sendJson(res, { error: 'invalid settings', issues: parsed.issues, issueCount: parsed.issueCount }, 400);
    return undefined;
  };

  /** Routing that names owners HubSpot does not have, or has deactivated (as last synced). */
  const inactiveOwners = async (portalId: number, settings: PortalSettings) => ownerIssues(settings.routing, await listOwners(db, portalId));

  const publish = async (portalId: number, settings: PortalSettings, by: string, note: string | undefined, action: string) => {
    const now = deps.now();
    const version = await db.transaction(async (tx) => {
      const [row] = await tx.query<{ next: number }>(
        'SELECT coalesce(max(version), 0) + 1 AS next FROM settings_versions WHERE portal_id = $1',
        [portalId],
      );
      const next = row!.next;
      await tx.query(
        `INSERT INTO settings_versions (portal_id, version, settings, created_at, created_by, published_at, published_by, note)
         VALUES ($1, $2, $3, $4, $5, $4, $5, $6)`,
        [portalId, next, JSON.stringify(settings), now, by, note ?? null],
      );
      await recordAudit(tx, { portalId, actor: by, action, detail: { version: next, note }, at: now });
      return next;
    });
    deps.settings.invalidate(portalId);
    void deps.rescorer.start(portalId, { version, settings });
    deps.logger.info({ portalId, version, by, action }, 'settings published; rescoring the portal');
    return version;
  };

  router.get('/api/settings', async (_req, res) => {
    const { portalId, userId } = callerOf(res);
    const live = await deps.settings.live(portalId);
    const versions = await db.query<{ version: number; created_at: Date; created_by: string; published_at: Date | null; published_by: string | null; note: string | null }>(
      `SELECT version, created_at, created_by, published_at, published_by, note FROM settings_versions WHERE portal_id = $1 ORDER BY version DESC`,
      [portalId],
    );
    const current = versions.find((v) => v.version === live.version);
    sendJson(res, {
      live: { version: live.version, settings: live.settings, publishedAt: current?.published_at ?? null, publishedBy: current?.published_by ?? null },
      versions: versions.map((v) => ({
        version: v.version,
        createdAt: v.created_at,
        createdBy: v.created_by,
        publishedAt: v.published_at,
        publishedBy: v.published_by,
        note: v.note,
      })),
      access: settingsAccessResponse.parse(await deps.publishPermission({ portalId, userId })),
    });
  });

  router.post('/api/settings/validate', async (req, res) => {
    const body = parseBody(draftBody, req, res);
    if (!body) return;
    const parsed = await deps.parser.parse(body.settings);
    if (!parsed.success) return sendJson(res, { ok: false, issues: parsed.issues, issueCount: parsed.issueCount });
    const issues = await inactiveOwners(callerOf(res).portalId, parsed.data);
    sendJson(res, issues.length === 0 ? { ok: true } : { ok: false, ...issuesAnswer(issues) });
  });

  router.post('/api/settings/preview', async (req, res) => {
    const body = parseBody(draftBody, req, res);
    if (!body) return;
    const draft = await validDraft(body.settings, res);
    if (!draft) return;
    const { portalId } = callerOf(res);
    const live = await deps.settings.live(portalId);
    sendJson(res, await previewPortal(db, portalId, live.settings.scoring, draft.scoring, deps.now().getTime()), 200, previewResponse);
  });

  router.get('/api/settings/owners', async (_req, res) => {
    sendJson(res, { owners: await listOwners(db, callerOf(res).portalId) }, 200, ownersResponse);
  });

  router.post('/api/settings/preview-routing', async (req, res) => {
    const body = parseBody(routingPreviewBody, req, res);
    if (!body) return;
    const draft = await validDraft(body.draft, res);
    if (!draft) return;
    if (!draft.routing) return sendJson(res, { error: 'invalid settings', ...issuesAnswer(NO_ROUTING) }, 400);
    sendJson(res, await previewDraftRouting(db, callerOf(res).portalId, draft.routing, body.limit, deps.now()), 200, routingPreviewResponse);
  });

  router.post('/api/settings/publish', mayPublish, async (req, res) => {
    const body = parseBody(publishBody, req, res);
    if (!body) return;
    const settings = await validDraft(body.settings, res);
    if (!settings) return;
    const { portalId, userId } = callerOf(res);
    const issues = await inactiveOwners(portalId, settings);
    if (issues.length > 0) return sendJson(res, { error: 'invalid settings', ...issuesAnswer(issues) }, 400);
    sendJson(res, { version: await publish(portalId, settings, `user:${userId}`, body.note, 'settings.published') }, 200, versionResponse);
  });

  router.get('/api/settings/rescore', (_req, res) => {
    sendJson(res, deps.rescorer.status(callerOf(res).portalId), 200, rescoreResponse);
  });

  router.post('/api/settings/rollback', mayPublish, async (req, res) => {
    const body = parseBody(rollbackBody, req, res);
    if (!body) return;
    const { portalId, userId } = callerOf(res);
    const [row] = await db.query<{ settings: unknown }>('SELECT settings FROM settings_versions WHERE portal_id = $1 AND version = $2', [
      portalId,
      body.version,
    ]);
    if (!row) return sendJson(res, { error: `no version ${body.version}` }, 404);
    const settings = portalSettingsSchema.parse(row.settings);
    sendJson(res, { version: await publish(portalId, settings, `user:${userId}`, `rollback to version ${body.version}`, 'settings.rolled_back') }, 200, versionResponse);
  });

  return router;
}
