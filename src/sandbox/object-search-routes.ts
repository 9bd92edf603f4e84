import { Router } from 'express';
import { crmRoute, objectTypeParam, parseBody, portalIdOf, type CrmGuards } from './crm-route';
import { validationError } from './hubspot-errors';
import { recordResponse } from './record-response';
import { ROUTES } from './route-paths';
import { objectScopes } from './scopes';
import { SEARCH_PAGE_LIMIT, SEARCH_RESULT_CAP, searchRecords, searchRequestSchema } from './search-records';
import type { SandboxState } from './state';

/** Search (`/crm/v3/objects/:objectType/search` and the dated path), under the separate search rate limit. */
export function objectSearchRoutes(state: SandboxState, guards: CrmGuards): Router {
  const router = Router();
  crmRoute(router, guards, {
    method: 'post',
    route: ROUTES.search,
    scopes: (params) => objectScopes(objectTypeParam(params), 'read'),
    search: true,
  }, (req, res) => {
    const type = objectTypeParam(req.params);
    const portal = state.portal(portalIdOf(res));
    const request = parseBody(searchRequestSchema, req.body);
    const limit = request.limit ?? 10;
    if (limit < 1 || limit > SEARCH_PAGE_LIMIT) throw validationError(`limit must be between 1 and ${SEARCH_PAGE_LIMIT}`);
    const after = Number(request.after ?? 0);
    if (!Number.isInteger(after) || after < 0) throw validationError(`Invalid after: ${String(request.after)}`);
    if (after + limit > SEARCH_RESULT_CAP) {
      throw validationError(`Cannot page beyond ${SEARCH_RESULT_CAP} results: after (${after}) plus limit (${limit}) exceeds it`);
    }
    const definitions = portal.properties.get(type)!;
    const { total, page, nextAfter } = searchRecords(portal.objects.get(type)!.values(), request, definitions);
    res.json({
      total,
      results: page.map((record) => recordResponse(type, record, request.properties, definitions)),
      ...(nextAfter === undefined ? {} : { paging: { next: { after: nextAfter } } }),
    });
  });
  return router;
}
