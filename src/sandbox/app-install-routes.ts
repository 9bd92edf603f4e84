import { Router } from 'express';
import { crmRoute, portalIdOf, type CrmGuards } from './crm-route';
import type { OAuthStore } from './oauth-store';
import { ROUTES } from './route-paths';

/**
 * HubSpot's app uninstalls API: `DELETE /appinstalls/<version>/external-install` (and `/v3/`) with the portal's
 * access token (scope `oauth`) uninstalls the app from that portal and answers 204 with no body. Here every token
 * of the portal stops working, as after an uninstall in HubSpot's UI.
 */
export function appInstallRoutes(tokens: OAuthStore, guards: CrmGuards): Router {
  const router = Router();
  crmRoute(router, guards, { method: 'delete', route: ROUTES.appUninstall, scopes: () => ['oauth'] }, (_req, res) => {
    tokens.revokeTokens(portalIdOf(res));
    res.status(204).end();
  });
  return router;
}
