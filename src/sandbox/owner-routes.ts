import { Router } from 'express';
import { crmRoute, intParam, portalIdOf, type CrmGuards } from './crm-route';
import { crmError, validationError } from './hubspot-errors';
import { ROUTES } from './route-paths';
import type { Owner, Portal, SandboxState } from './state';

const OWNER_SCOPES = (): string[] => ['crm.objects.owners.read'];

/** HubSpot's `PublicOwner`. */
function ownerResponse(portal: Portal, owner: Owner): Record<string, unknown> {
  return {
    id: owner.id,
    email: owner.email,
    type: 'PERSON',
    firstName: owner.firstName,
    lastName: owner.lastName,
    userId: owner.archived ? undefined : owner.userId,
    userIdIncludingInactive: owner.userId,
    createdAt: new Date(owner.createdAt).toISOString(),
    updatedAt: new Date(owner.updatedAt).toISOString(),
    archived: owner.archived,
    teams: owner.teams.map((t) => ({ id: t.id, name: portal.teams.get(t.id)?.name ?? t.id, primary: t.primary })),
  };
}

/** Owners at `/crm/v3/owners` and `/crm/owners/<version>` (paged, `archived`, `email`), and one owner by id. */
export function ownerRoutes(state: SandboxState, guards: CrmGuards): Router {
  const router = Router();

  crmRoute(router, guards, { method: 'get', route: ROUTES.owners, scopes: OWNER_SCOPES }, (req, res) => {
    const portal = state.portal(portalIdOf(res));
    const limit = intParam(req.query.limit, 100);
    if (limit < 1 || limit > 500) throw validationError('limit must be between 1 and 500');
    const archived = req.query.archived === 'true';
    const email = typeof req.query.email === 'string' ? req.query.email.toLowerCase() : undefined;
    const after = req.query.after === undefined ? 0 : Number(req.query.after);
    const owners = [...portal.owners.values()]
      .filter((o) => o.archived === archived && (email === undefined || o.email.toLowerCase() === email))
      .filter((o) => Number(o.id) > after);
    const page = owners.slice(0, limit);
    const last = page[page.length - 1];
    res.json({
      results: page.map((o) => ownerResponse(portal, o)),
      ...(owners.length > limit && last ? { paging: { next: { after: last.id, link: `${req.path}?after=${last.id}` } } } : {}),
    });
  });

  crmRoute(router, guards, { method: 'get', route: ROUTES.owner, scopes: OWNER_SCOPES }, (req, res) => {
    const portal = state.portal(portalIdOf(res));
    const archived = req.query.archived === 'true';
    const owner = portal.owners.get(req.params.ownerId as string);
    if (!owner || owner.archived !== archived) throw crmError(404, 'OBJECT_NOT_FOUND', 'resource not found');
    res.json(ownerResponse(portal, owner));
  });

  return router;
}
