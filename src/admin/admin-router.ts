import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { CallLedger } from '../hubspot/call-ledger';
import type { HubspotGateway } from '../hubspot/gateway';
import { PortalInactiveError } from '../hubspot/token-provider';
import type { Logger } from '../log';
import type { Backfill } from '../process/backfill';
import { recordAudit } from '../store/audit-log';
import { backfillOf } from '../store/backfills';
import type { Db } from '../store/db';
import { listDeadLetters, replayDeadLetters } from '../store/inbox-claims';
import type { InstallationRepository } from '../store/installations';
import { deletePortalData } from '../store/portal-data';
import { installationSummary } from '../store/portal-status';
import { rescoreOf } from '../store/rescores';
import { requireAdminToken } from './admin-auth';
import { portalStatus, portalStatusPage } from './portal-status';

export interface AdminDeps {
  /** ADMIN_TOKEN: callers send it as `Authorization: Bearer <token>`. */
  token: string;
  db: Db;
  installations: InstallationRepository;
  gateway: HubspotGateway;
  backfill: Pick<Backfill, 'run'>;
  calls: CallLedger;
  logger: Logger;
  now: () => Date;
}

const ACTOR = 'operator';
const id = z.string().regex(/^[1-9]\d{0,14}$/, 'must be a positive integer').transform(Number);
const page = (max: number) =>
  z.object({
    limit: z.coerce.number().int().min(1).max(max).default(max),
    after: id.optional(),
    before: id.optional(),
  });
const portalsPage = page(100);
const deadLettersPage = page(100);

class BadRequest extends Error {
  readonly status = 400;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadRequest(`${what}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'value'} ${issue.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * The operator API under /admin, behind ADMIN_TOKEN: each portal's state, its dead letters (list, replay one or
 * all), a fresh backfill, the rescore's progress, uninstall (in HubSpot too) and purge. Every action on a portal, reads included,
 * goes to the portal's audit log as `operator` with the caller's address; the list of all portals, which names
 * no portal, is logged. The token itself is never written anywhere.
 */
export function adminRouter(deps: AdminDeps): Router {
  const { db, logger, now } = deps;
  const router = Router();
  router.use('/admin', requireAdminToken(deps.token, logger));

  const audit = (req: Request, portalId: number, action: string, detail: Record<string, unknown> = {}) =>
    recordAudit(db, { portalId, actor: ACTOR, action: `admin.${action}`, detail: { ...detail, ip: req.ip }, at: now() });

  /** The portal named in the path, or a 404 answered (and undefined returned). */
  const installed = async (req: Request, res: Response) => {
    const portalId = parse(id, req.params.portalId, 'portalId');
    const installation = await installationSummary(db, portalId);
    if (!installation) res.status(404).json({ error: `portal ${portalId} is not known here` });
    return installation;
  };

  router.get('/admin/portals', async (req, res) => {
    const { after, limit } = parse(portalsPage, req.query, 'query');
    logger.info({ ip: req.ip, after, limit }, 'operator listed the portals');
    res.json(await portalStatusPage(deps, after ?? 0, limit));
  });

  router.get('/admin/portals/:portalId', async (req, res) => {
    const installation = await installed(req, res);
    if (!installation) return;
    await audit(req, installation.portalId, 'status.read');
    res.json(await portalStatus(deps, installation.portalId));
  });

  router.get('/admin/portals/:portalId/dead-letters', async (req, res) => {
    const installation = await installed(req, res);
    if (!installation) return;
    const { before, limit } = parse(deadLettersPage, req.query, 'query');
    await audit(req, installation.portalId, 'dead_letters.read', { before: before ?? null });
    const deadLetters = await listDeadLetters(db, installation.portalId, limit, before);
    res.json({ deadLetters, next: deadLetters.length === limit ? deadLetters[deadLetters.length - 1]!.id : null });
  });

  router.post('/admin/portals/:portalId/dead-letters/replay', async (req, res) => {
    const installation = await installed(req, res);
    if (!installation) return;
    const replayed = await replayDeadLetters(db, installation.portalId, now());
    await audit(req, installation.portalId, 'dead_letters.replay', { count: replayed.length });
    logger.info({ portalId: installation.portalId, replayed: replayed.length }, 'operator replayed the portal\u2019s dead letters');
    res.json({ replayed: replayed.length });
  });

  router.post('/admin/portals/:portalId/dead-letters/:eventId/replay', async (req, res) => {
    const installation = await installed(req, res);
    if (!installation) return;
    const eventId = parse(id, req.params.eventId, 'eventId');
    const replayed = await replayDeadLetters(db, installation.portalId, now(), eventId);
    if (replayed.length === 0) return void res.status(404).json({ error: `portal ${installation.portalId} has no dead letter ${eventId}` });
    await audit(req, installation.portalId, 'dead_letters.replay', { id: eventId });
    logger.info({ portalId: installation.portalId, eventId }, 'operator replayed a dead letter');
    res.json({ replayed: 1 });
  });

  router.post('/admin/portals/:portalId/backfill', async (req, res) => {
    const installation = await installed(req, res);
    if (!installation) return;
    const { portalId } = installation;
    if (installation.status !== 'active') return void res.status(409).json({ error: `portal ${portalId} is uninstalled` });
    if ((await backfillOf(db, portalId))?.state === 'running') return void res.status(409).json({ error: `portal ${portalId}'s backfill is running` });
    await audit(req, portalId, 'backfill.restart');
    logger.info({ portalId }, 'operator started the portal\u2019s backfill again');
    // It runs on in this process; its progress is in the database (the portal's status).
    void deps.backfill.run(portalId, { restart: true });
    res.status(202).json({ backfill: 'started' });
  });

  router.get('/admin/portals/:portalId/rescore', async (req, res) => {
    const installation = await installed(req, res);
    if (!installation) return;
    await audit(req, installation.portalId, 'rescore.read');
    res.json((await rescoreOf(db, installation.portalId)) ?? { state: 'none' });
  });

  router.post('/admin/portals/:portalId/uninstall', async (req, res) => {
    const installation = await installed(req, res);
    if (!installation) return;
    const { portalId } = installation;
    if (installation.status !== 'active') return void res.status(409).json({ error: `portal ${portalId} is already uninstalled` });
    try {
      await deps.gateway.forPortal(portalId).app.uninstall();
    } catch (error) {
      // A portal whose token HubSpot no longer honours has already uninstalled the app: only our record is left.
      if (!(error instanceof PortalInactiveError)) {
        logger.warn({ portalId, err: error }, 'HubSpot did not uninstall the app; nothing changed');
        return void res.status(502).json({ error: `HubSpot did not uninstall the app from portal ${portalId} (${(error as Error).message}); nothing changed, try again` });
      }
    }
    await deps.installations.markUninstalled(portalId, 'uninstalled by an operator', now());
    await audit(req, portalId, 'uninstall');
    logger.info({ portalId }, 'operator uninstalled the portal');
    res.json({ status: 'uninstalled' });
  });

  router.delete('/admin/portals/:portalId', async (req, res) => {
    const installation = await installed(req, res);
    if (!installation) return;
    const { portalId } = installation;
    if (installation.status === 'active') return void res.status(409).json({ error: `portal ${portalId} is installed: uninstall it first` });
    const deleted = await deletePortalData(db, portalId);
    // After the purge, which deletes the portal's audit log too: what is left says who purged it and when.
    await audit(req, portalId, 'purge', { deleted });
    logger.info({ portalId, deleted }, 'operator purged the portal\u2019s data');
    res.json({ deleted });
  });

  return router;
}
