import { Router } from 'express';
import { z } from 'zod';
import { crmRoute, objectTypeParam, parseBody, portalIdOf, type CrmGuards, type RouteParams } from './crm-route';
import { crmError, validationError } from './hubspot-errors';
import { associationDirectionOf, ENGAGEMENT_TYPES, type AssociationType, type ObjectType } from './object-types';
import { BATCH_LIMIT, notFoundMessage } from './object-read-routes';
import { validatePropertyWrites, type PropertyValueError } from './property-values';
import { withValidationRules } from './validation-rules';
import { recordResponse, sendBatchResult } from './record-response';
import { ROUTES } from './route-paths';
import { objectScopes } from './scopes';
import type { AssociationTarget, CrmRecord, SandboxState } from './state';

const id = z.union([z.string(), z.number()]).transform(String);
const propertyValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const batchUpdateBody = z.object({
  inputs: z.array(z.object({ id, properties: propertyValues, idProperty: z.string().optional(), objectWriteTraceId: z.string().optional() })),
});
const createBody = z.object({
  properties: propertyValues,
  associations: z.array(z.object({
    to: z.object({ id }),
    types: z.array(z.object({ associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']), associationTypeId: z.number().int() })).min(1),
  })).optional(),
});

function invalidProperties(errors: PropertyValueError[]): Error {
  return validationError(`Property values were not valid: ${JSON.stringify(errors)}`, {
    errors: errors.map((e) => ({ message: e.message, code: e.error, context: { propertyName: [e.name] } })),
  });
}

/** Batch update, create and update-one; property writes are validated like HubSpot does. */
export function objectWriteRoutes(state: SandboxState, guards: CrmGuards, now: () => number): Router {
  const router = Router();
  const writeScopes = (params: RouteParams): string[] => objectScopes(objectTypeParam(params), 'write');

  const validate = (portalId: number, type: ObjectType, input: z.infer<typeof propertyValues>, recordId?: string) => {
    const portal = state.portal(portalId);
    const ownerIds = new Set([...portal.owners.values()].filter((o) => !o.archived).map((o) => o.id));
    const checked = validatePropertyWrites(input, { portalId, definitions: portal.properties.get(type)!, ownerIds });
    return checked.ok ? withValidationRules(state, portalId, type, recordId, checked.values) : checked;
  };

  crmRoute(router, guards, { method: 'post', route: ROUTES.batchUpdate, scopes: writeScopes }, (req, res) => {
    const startedAt = now();
    const type = objectTypeParam(req.params);
    const portalId = portalIdOf(res);
    const { inputs } = parseBody(batchUpdateBody, req.body);
    if (inputs.length > BATCH_LIMIT) throw validationError(`Too many inputs: ${inputs.length}. The maximum is ${BATCH_LIMIT}.`);
    const seen = new Set<string>();
    const duplicates = inputs.map((input) => input.id).filter((inputId) => seen.has(inputId) || !seen.add(inputId));
    if (duplicates.length > 0) {
      throw validationError(`Duplicate IDs found in batch input: [${duplicates.join(', ')}]. IDs must be unique`, { context: { ids: duplicates } });
    }
    const writes: { inputId: string; values: Record<string, string> }[] = [];
    const problems: PropertyValueError[] = [];
    for (const input of inputs) {
      const checked = validate(portalId, type, input.properties, input.id);
      if (checked.ok) writes.push({ inputId: input.id, values: checked.values });
      else problems.push(...checked.errors);
    }
    if (problems.length > 0) throw invalidProperties(problems);

    const at = now();
    const definitions = state.portal(portalId).properties.get(type)!;
    const results = [];
    const missing: string[] = [];
    for (const { inputId, values } of writes) {
      if (!state.findRecord(portalId, type, inputId)) {
        missing.push(inputId);
        continue;
      }
      const record = state.setProperties(portalId, type, inputId, values, at);
      results.push(recordResponse(type, record, Object.keys(values), definitions));
    }
    sendBatchResult(res, results, missing.length === 0 ? undefined : { message: notFoundMessage(type), ids: missing }, startedAt, now());
  });

  crmRoute(router, guards, { method: 'patch', route: ROUTES.object, scopes: writeScopes }, (req, res) => {
    const type = objectTypeParam(req.params);
    const portalId = portalIdOf(res);
    const body = parseBody(createBody.pick({ properties: true }), req.body);
    const checked = validate(portalId, type, body.properties, req.params.objectId as string);
    if (!checked.ok) throw invalidProperties(checked.errors);
    const objectId = req.params.objectId as string;
    if (!state.findRecord(portalId, type, objectId)) throw crmError(404, 'OBJECT_NOT_FOUND', 'resource not found');
    const record = state.setProperties(portalId, type, objectId, checked.values, now());
    res.json(recordResponse(type, record, Object.keys(checked.values), state.portal(portalId).properties.get(type)!));
  });

  crmRoute(router, guards, { method: 'post', route: ROUTES.objects, scopes: writeScopes }, (req, res) => {
    const type = objectTypeParam(req.params);
    const portalId = portalIdOf(res);
    const body = parseBody(createBody, req.body);
    const checked = validate(portalId, type, body.properties);
    if (!checked.ok) throw invalidProperties(checked.errors);
    if ((ENGAGEMENT_TYPES as readonly string[]).includes(type) && !checked.values.hs_timestamp) {
      throw validationError('Property values were not valid: hs_timestamp is required', {
        errors: [{ message: 'hs_timestamp is required', code: 'REQUIRED_PROPERTY', context: { propertyName: ['hs_timestamp'] } }],
      });
    }
    const email = type === 'contacts' ? checked.values.email : undefined;
    const existing = email ? state.findByProperty(portalId, 'contacts', 'email', email) : undefined;
    if (existing) throw crmError(409, 'CONFLICT', `Contact already exists. Existing ID: ${existing.id}`);
    const associations = resolveAssociations(state, portalId, type, body.associations ?? []);
    const record: CrmRecord = state.createRecord(portalId, type, checked.values, { createdAt: now() });
    for (const { target, types } of associations) state.associate(portalId, { type, id: record.id }, target, types);
    res.status(201).json(recordResponse(type, record, Object.keys(checked.values), state.portal(portalId).properties.get(type)!));
  });

  return router;
}

function resolveAssociations(
  state: SandboxState,
  portalId: number,
  from: ObjectType,
  associations: z.infer<typeof createBody>['associations'] & {},
): { target: AssociationTarget; types: AssociationType[] }[] {
  return associations.map(({ to, types }) => {
    const directions = types.map((t) => associationDirectionOf(t.associationTypeId));
    const direction = directions[0];
    if (!direction || direction.from !== from || directions.some((d) => d?.to !== direction.to)) {
      throw validationError(`Association type(s) ${types.map((t) => t.associationTypeId).join(', ')} are not valid from ${from}`);
    }
    if (!state.findRecord(portalId, direction.to, to.id)) {
      throw validationError(`One or more associations are invalid: ${direction.to} ${to.id} does not exist`, { context: { toObjectId: [to.id] } });
    }
    const resolved: AssociationType[] = types.map((t) => ({
      category: t.associationCategory === 'HUBSPOT_DEFINED' ? 'HUBSPOT_DEFINED' : 'USER_DEFINED',
      typeId: t.associationTypeId,
      label: null,
    }));
    return { target: { type: direction.to, id: to.id }, types: resolved };
  });
}
