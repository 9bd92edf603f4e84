import { Router } from 'express';
import { z } from 'zod';
import { crmRoute, intParam, objectTypeParam, parseBody, portalIdOf, type CrmGuards } from './crm-route';
import { batchError, validationError } from './hubspot-errors';
import { OBJECT_TYPES, type AssociationType, type ObjectType } from './object-types';
import { batchTimes } from './record-response';
import { ROUTES } from './route-paths';
import { objectScopes } from './scopes';
import type { SandboxState } from './state';

/** HubSpot caps association batch reads at 1,000 inputs (changelog, February 2025). */
export const ASSOCIATION_BATCH_LIMIT = 1_000;

const batchReadBody = z.object({
  inputs: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), after: z.string().optional() })),
});

function noAssociations(from: ObjectType, to: ObjectType, id: string): Record<string, unknown> {
  return batchError(
    'OBJECT_NOT_FOUND',
    `No ${OBJECT_TYPES[to].singular} is associated with ${OBJECT_TYPES[from].singular} ${id}.`,
    { fromObjectId: [id], fromObjectType: [OBJECT_TYPES[from].singular], toObjectType: [OBJECT_TYPES[to].singular] },
    { subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND' },
  );
}

/** HubSpot's `MultiAssociatedObjectWithLabel`: the id as a string, a label only on labelled types. */
function associatedObject(toObjectId: string, types: readonly AssociationType[]): Record<string, unknown> {
  return {
    toObjectId,
    associationTypes: types.map(({ category, typeId, label }) => ({ category, typeId, ...(label === null ? {} : { label }) })),
  };
}

/** Associations: batch read (v4 and dated; 207 with NO_ASSOCIATIONS_FOUND per id without any) and the v4 per-record list. */
export function associationRoutes(state: SandboxState, guards: CrmGuards, now: () => number): Router {
  const router = Router();

  crmRoute(router, guards, {
    method: 'post',
    route: ROUTES.associationsBatchRead,
    scopes: (params) => objectScopes(objectTypeParam(params, 'fromObjectType'), 'read'),
  }, (req, res) => {
    const startedAt = now();
    const from = objectTypeParam(req.params, 'fromObjectType');
    const to = objectTypeParam(req.params, 'toObjectType');
    const portalId = portalIdOf(res);
    const { inputs } = parseBody(batchReadBody, req.body);
    if (inputs.length > ASSOCIATION_BATCH_LIMIT) {
      throw validationError(`Too many inputs: ${inputs.length}. The maximum is ${ASSOCIATION_BATCH_LIMIT}.`);
    }
    const results = [];
    const errors = [];
    for (const { id } of inputs) {
      const targets = state.findRecord(portalId, from, id) ? state.associationsOf(portalId, { type: from, id }, to) : new Map();
      if (targets.size === 0) {
        errors.push(noAssociations(from, to, id));
        continue;
      }
      results.push({
        from: { id },
        to: [...targets].map(([toObjectId, associationTypes]) => associatedObject(toObjectId, associationTypes)),
      });
    }
    const body = { status: 'COMPLETE', results, ...batchTimes(startedAt, now()) };
    if (errors.length === 0) res.json(body);
    else res.status(207).json({ ...body, numErrors: errors.length, errors });
  });

  crmRoute(router, guards, {
    method: 'get',
    route: ROUTES.recordAssociations,
    scopes: (params) => objectScopes(objectTypeParam(params), 'read'),
  }, (req, res) => {
    const from = objectTypeParam(req.params);
    const to = objectTypeParam(req.params, 'toObjectType');
    const limit = intParam(req.query.limit, 500);
    const after = req.query.after === undefined ? 0 : Number(req.query.after);
    const targets = [...state.associationsOf(portalIdOf(res), { type: from, id: req.params.objectId as string }, to)];
    const page = targets.slice(after, after + limit);
    res.json({
      results: page.map(([toObjectId, associationTypes]) => associatedObject(toObjectId, associationTypes)),
      ...(after + limit < targets.length ? { paging: { next: { after: String(after + limit) } } } : {}),
    });
  });

  return router;
}
