import { Router } from 'express';
import { z } from 'zod';
import { DEFAULT_HUBSPOT_API_VERSION } from '../hubspot/api-paths';
import { crmRoute, objectTypeParam, parseBody, portalIdOf, type CrmGuards, type RouteParams } from './crm-route';
import { crmError, validationError } from './hubspot-errors';
import { BATCH_LIMIT, notFoundMessage } from './object-read-routes';
import { propertiesWithHistory } from './property-history';
import { recordResponse, sendBatchResult } from './record-response';
import { objectScopes, schemaScopes } from './scopes';
import type { CrmRecord, SandboxState } from './state';

/** HubSpot reads at most this many records in one batch read that asks for property histories. */
export const HISTORY_BATCH_LIMIT = 50;

const version = DEFAULT_HUBSPOT_API_VERSION;
const id = z.union([z.string(), z.number()]).transform(String);
const batchReadBody = z.object({
  inputs: z.array(z.object({ id })),
  properties: z.array(z.string()).optional(),
  propertiesWithHistory: z.array(z.string()).optional(),
});

/**
 * Reads served at the dated paths (`/crm/objects/<version>/…`, `/crm/properties/<version>/…`): a batch read that
 * answers `propertiesWithHistory` as HubSpot does (each property's values newest first, at most 50 records a call
 * when histories are asked for), and one property's definition.
 */
export function datedReadRoutes(state: SandboxState, guards: CrmGuards, now: () => number): Router {
  const router = Router();
  const readObjects = (params: RouteParams): string[] => objectScopes(objectTypeParam(params), 'read');
  const readSchemas = (params: RouteParams): string[] => schemaScopes(objectTypeParam(params), 'read');

  crmRoute(router, guards, { method: 'post', path: `/crm/objects/${version}/:objectType/batch/read`, scopes: readObjects }, (req, res) => {
    const startedAt = now();
    const type = objectTypeParam(req.params);
    const portalId = portalIdOf(res);
    const body = parseBody(batchReadBody, req.body);
    const history = body.propertiesWithHistory ?? [];
    if (history.length > 0 && body.inputs.length > HISTORY_BATCH_LIMIT) {
      throw validationError(`The maximum number of inputs supported in a batch request for property histories is ${HISTORY_BATCH_LIMIT}. Please reduce the number of items and try again.`);
    }
    if (body.inputs.length > BATCH_LIMIT) throw validationError(`Too many inputs: ${body.inputs.length}. The maximum is ${BATCH_LIMIT}.`);
    const definitions = state.portal(portalId).properties.get(type)!;
    const found = new Map<string, CrmRecord>();
    const missing: string[] = [];
    for (const input of body.inputs) {
      const record = state.findRecord(portalId, type, input.id);
      if (record) found.set(record.id, record);
      else missing.push(input.id);
    }
    const results = [...found.values()].map((record) => ({
      ...recordResponse(type, record, body.properties, definitions),
      ...(history.length > 0 ? { propertiesWithHistory: propertiesWithHistory(record, history, (name) => definitions.has(name)) } : {}),
    }));
    sendBatchResult(res, results, missing.length === 0 ? undefined : { message: notFoundMessage(type), ids: missing }, startedAt, now());
  });

  crmRoute(router, guards, { method: 'get', path: `/crm/properties/${version}/:objectType/:propertyName`, scopes: readSchemas }, (req, res) => {
    const definition = state.portal(portalIdOf(res)).properties.get(objectTypeParam(req.params))!.get(req.params.propertyName as string);
    if (!definition || definition.archived) throw crmError(404, 'OBJECT_NOT_FOUND', `Unable to find property ${String(req.params.propertyName)}`);
    res.json(definition);
  });

  return router;
}
