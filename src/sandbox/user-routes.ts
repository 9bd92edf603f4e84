import { Router } from 'express';
import { crmRoute, portalIdOf, type CrmGuards } from './crm-route';
import { crmError, validationError } from './hubspot-errors';
import { ROUTES } from './route-paths';
import type { SandboxState, User } from './state';

/** HubSpot's user provisioning API reads users with either settings scope. */
const USER_SCOPES = (): string[] => ['settings.users.read', 'settings.users.write'];
const ID_PROPERTIES = ['USER_ID', 'EMAIL'];

/** HubSpot's `PublicUser`: ids as strings; `sendWelcomeEmail` is only true in the answer to a provisioning request. */
function userResponse(user: User): Record<string, unknown> {
  return {
    id: String(user.id),
    email: user.email,
    ...(user.firstName !== undefined && { firstName: user.firstName }),
    ...(user.lastName !== undefined && { lastName: user.lastName }),
    ...(user.roleIds[0] !== undefined && { roleId: user.roleIds[0] }),
    roleIds: user.roleIds,
    ...(user.primaryTeamId !== undefined && { primaryTeamId: user.primaryTeamId }),
    secondaryTeamIds: user.secondaryTeamIds,
    superAdmin: user.superAdmin,
    sendWelcomeEmail: false,
  };
}

/** `GET /settings/v3/users/:userId`, by user id or, with `idProperty=EMAIL`, by email. */
export function userRoutes(state: SandboxState, guards: CrmGuards): Router {
  const router = Router();

  crmRoute(router, guards, { method: 'get', route: ROUTES.user, scopes: USER_SCOPES }, (req, res) => {
    const portal = state.portal(portalIdOf(res));
    const idProperty = typeof req.query.idProperty === 'string' ? req.query.idProperty : 'USER_ID';
    if (!ID_PROPERTIES.includes(idProperty)) throw validationError(`idProperty must be one of ${ID_PROPERTIES.join(', ')}`);
    const wanted = String(req.params.userId);
    const user = [...portal.users.values()].find((candidate) =>
      idProperty === 'EMAIL' ? candidate.email.toLowerCase() === wanted.toLowerCase() : String(candidate.id) === wanted,
    );
    if (!user) throw crmError(404, 'OBJECT_NOT_FOUND', 'resource not found');
    res.json(userResponse(user));
  });

  return router;
}
