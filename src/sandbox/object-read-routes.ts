import { Router } from 'express';
import { z } from 'zod';
import { crmRoute, intParam, listParam, objectTypeParam, parseBody, portalIdOf, type CrmGuards, type RouteParams } from './crm-route';
import { crmError, validationError } from './hubspot-errors';
import { OBJECT_TYPES, type ObjectType } from './object-types';
import { propertiesWithHistory } from './property-history';
import { recordResponse, sendBatchResult } from './record-response';
import { ROUTES } from './route-paths';
import { objectScopes } from './scopes';
import type { CrmRecord, SandboxState } from './state';

export const BATCH_LIMIT = 100;
/** HubSpot reads at most this many records in one batch read that asks for property histories. */
export const HISTORY_BATCH_LIMIT = 50;
const LIST_LIMIT = 100;

const id = z.union([z.string(), z.number()]).transform(String);
const batchReadBody = z.object({
  inputs: z.array(z.object({ id })),
  properties: z.array(z.string()).optional(),
  propertiesWithHistory: z.array(z.string()).optional(),
  idProperty: z.string().optional(),
});

export function notFoundMessage(type: ObjectType): string {
  return `Could not get some ${OBJECT_TYPES[type].upper} objects, they may be deleted or not exist. Check that ids are valid.`;
}

/** Batch read, list (paged by id) and read-one for every object type. */
export function objectReadRoutes(state: SandboxState, guards: CrmGuards, now: () => number): Router {
  const router = Router();
  const readScopes = (params: RouteParams): string[] => objectScopes(objectTypeParam(params), 'read');

  crmRoute(router, guards, { method: 'post', route: ROUTES.batchRead, scopes: readScopes }, (req, res) => {
    const startedAt = now();
    const type = objectTypeParam(req.params);
    const portalId = portalIdOf(res);
    const body = parseBody(batchReadBody, req.body);
    const history = body.propertiesWithHistory ?? [];
    if (history.length > 0 && body.inputs.length > HISTORY_BATCH_LIMIT) {
      throw validationError(`The maximum number of inputs supported in a batch request for property histories is ${HISTORY_BATCH_LIMIT}. Please reduce the number of items and try again.`);
    }
    if (body.inputs.length > BATCH_LIMIT) throw validationError(`Too many inputs: ${body.inputs.length}. The maximum is ${BATCH_LIMIT}.`);
    const idProperty = body.idProperty === 'hs_object_id' ? undefined : body.idProperty;
    if (idProperty && !state.portal(portalId).properties.get(type)!.get(idProperty)?.hasUniqueValue) {
      throw validationError(`Unable to perform read by non-unique ${OBJECT_TYPES[type].id} property ${idProperty} in portal ID ${portalId}`);
    }
    const definitions = state.portal(portalId).properties.get(type)!;
    const found = new Map<string, CrmRecord>();
    const missing: string[] = [];
    for (const input of body.inputs) {
      const record = idProperty
        ? state.findByProperty(portalId, type, idProperty, input.id)
        : state.findRecord(portalId, type, input.id);
      if (record) found.set(record.id, record);
      else missing.push(input.id);
    }
    const results = [...found.values()].map((record) => ({
      ...recordResponse(type, record, body.properties, definitions),
      ...(history.length > 0 ? { propertiesWithHistory: propertiesWithHistory(record, history, (name) => definitions.has(name)) } : {}),
    }));
    sendBatchResult(res, results, missing.length === 0 ? undefined : { message: notFoundMessage(type), ids: missing }, startedAt, now());
  });

  crmRoute(router, guards, { method: 'get', route: ROUTES.objects, scopes: readScopes }, (req, res) => {
    const type = objectTypeParam(req.params);
    const portalId = portalIdOf(res);
    const limit = intParam(req.query.limit, 10);
    if (limit < 1 || limit > LIST_LIMIT) throw validationError(`limit must be between 1 and ${LIST_LIMIT}`);
    const after = req.query.after === undefined ? 0 : Number(req.query.after);
    if (!Number.isFinite(after)) throw validationError(`Invalid after: ${String(req.query.after)}`);
    const archived = req.query.archived === 'true';
    const portal = state.portal(portalId);
    const records = portal.objects.get(type)!;
    const definitions = portal.properties.get(type)!;
    const page: CrmRecord[] = [];
    let hasMore = false;
    for (const recordId of portal.order.get(type)!) {
      if (Number(recordId) <= after) continue;
      const record = records.get(recordId)!;
      if (record.archived !== archived) continue;
      if (page.length === limit) {
        hasMore = true;
        break;
      }
      page.push(record);
    }
    const properties = listParam(req.query.properties);
    const last = page[page.length - 1];
    res.json({
      results: page.map((record) => recordResponse(type, record, properties, definitions)),
      ...(hasMore && last ? { paging: { next: { after: last.id, link: `${req.path}?after=${last.id}&limit=${limit}` } } } : {}),
    });
  });

  crmRoute(router, guards, { method: 'get', route: ROUTES.object, scopes: readScopes }, (req, res) => {
    const type = objectTypeParam(req.params);
    const portalId = portalIdOf(res);
    const idProperty = typeof req.query.idProperty === 'string' ? req.query.idProperty : undefined;
    const objectId = req.params.objectId as string;
    const record = idProperty && idProperty !== 'hs_object_id'
      ? state.findByProperty(portalId, type, idProperty, objectId)
      : state.findRecord(portalId, type, objectId);
    if (!record) throw crmError(404, 'OBJECT_NOT_FOUND', 'resource not found');
    res.json(recordResponse(type, record, listParam(req.query.properties), state.portal(portalId).properties.get(type)!));
  });

  return router;
}
