import { Router, type Response } from 'express';
import { z } from 'zod';
import { crmRoute, objectTypeParam, parseBody, portalIdOf, type CrmGuards, type RouteParams } from './crm-route';
import { batchError, crmError, validationError } from './hubspot-errors';
import type { ObjectType } from './object-types';
import {
  definitionProblems, groupCreateSchema, newPropertyDefinition, optionsWithoutOrder, propertyCreateProblems, propertyCreateSchema, propertyUpdateSchema,
  type PropertyCreate,
} from './property-definitions';
import type { PropertyDefinition } from './property-model';
import { batchTimes } from './record-response';
import { ROUTES, isDatedCall } from './route-paths';
import { schemaScopes } from './scopes';
import type { SandboxState } from './state';

const batchCreateBody = z.object({ inputs: z.array(propertyCreateSchema) });
const batchReadBody = z.object({ inputs: z.array(z.object({ name: z.string() })), archived: z.boolean().optional() });

function alreadyExists(name: string): Record<string, unknown> {
  return batchError('OBJECT_ALREADY_EXISTS', `Property named '${name}' already exists.`, { name: [name] });
}

/** Rules HubSpot applies only on the dated paths: every option needs its `displayOrder`. */
function versionProblems(res: Response, input: Pick<PropertyCreate, 'name' | 'options'>): string[] {
  return isDatedCall(res) ? optionsWithoutOrder(input) : [];
}

/** Property definitions and groups (`/crm/v3/properties/:objectType/…` and `/crm/properties/<version>/:objectType/…`) with HubSpot’s validation. */
export function propertyRoutes(state: SandboxState, guards: CrmGuards, now: () => number): Router {
  const router = Router();
  const read = (params: RouteParams): string[] => schemaScopes(objectTypeParam(params), 'read');
  const write = (params: RouteParams): string[] => schemaScopes(objectTypeParam(params), 'write');
  const definitionsOf = (portalId: number, type: ObjectType) => state.portal(portalId).properties.get(type)!;
  const groupsOf = (portalId: number, type: ObjectType) => state.portal(portalId).groups.get(type)!;

  crmRoute(router, guards, { method: 'get', route: ROUTES.propertyGroups, scopes: read }, (req, res) => {
    res.json({ results: [...groupsOf(portalIdOf(res), objectTypeParam(req.params)).values()].filter((g) => !g.archived) });
  });

  crmRoute(router, guards, { method: 'get', route: ROUTES.propertyGroup, scopes: read }, (req, res) => {
    const group = groupsOf(portalIdOf(res), objectTypeParam(req.params)).get(req.params.groupName as string);
    if (!group) throw crmError(404, 'OBJECT_NOT_FOUND', `Unable to find property group ${String(req.params.groupName)}`);
    res.json(group);
  });

  crmRoute(router, guards, { method: 'post', route: ROUTES.propertyGroups, scopes: write }, (req, res) => {
    const input = parseBody(groupCreateSchema, req.body);
    const groups = groupsOf(portalIdOf(res), objectTypeParam(req.params));
    if (!/^[a-z][a-z0-9_]*$/.test(input.name)) throw validationError(`Property group name '${input.name}' is invalid.`);
    if (groups.has(input.name)) throw crmError(409, 'OBJECT_ALREADY_EXISTS', `A property group named '${input.name}' already exists.`);
    const group = { name: input.name, label: input.label, displayOrder: input.displayOrder ?? -1, archived: false };
    groups.set(group.name, group);
    res.status(201).json(group);
  });

  crmRoute(router, guards, { method: 'get', route: ROUTES.properties, scopes: read }, (req, res) => {
    const archived = req.query.archived === 'true';
    const all = [...definitionsOf(portalIdOf(res), objectTypeParam(req.params)).values()];
    res.json({ results: all.filter((p) => p.archived === archived) });
  });

  crmRoute(router, guards, { method: 'post', route: ROUTES.propertiesBatchRead, scopes: read }, (req, res) => {
    const startedAt = now();
    const body = parseBody(batchReadBody, req.body);
    const definitions = definitionsOf(portalIdOf(res), objectTypeParam(req.params));
    const results: PropertyDefinition[] = [];
    const missing: string[] = [];
    for (const { name } of body.inputs) {
      const definition = definitions.get(name);
      if (definition && definition.archived === (body.archived ?? false)) results.push(definition);
      else missing.push(name);
    }
    if (missing.length === 0) {
      res.json({ status: 'COMPLETE', results, ...batchTimes(startedAt, now()) });
      return;
    }
    res.status(207).json({
      status: 'COMPLETE', results, numErrors: missing.length,
      errors: missing.map((name) => batchError('OBJECT_NOT_FOUND', `Unable to find property ${name}`, { name: [name] })),
      ...batchTimes(startedAt, now()),
    });
  });

  crmRoute(router, guards, { method: 'post', route: ROUTES.propertiesBatchCreate, scopes: write }, (req, res) => {
    const startedAt = now();
    const portalId = portalIdOf(res);
    const type = objectTypeParam(req.params);
    const { inputs } = parseBody(batchCreateBody, req.body);
    const definitions = definitionsOf(portalId, type);
    const problems = inputs.flatMap((input) => [...propertyCreateProblems(input, groupsOf(portalId, type)), ...versionProblems(res, input)]);
    if (problems.length > 0) throw validationError(problems.join(' '), { errors: problems.map((message) => ({ message })) });
    const at = new Date(now()).toISOString();
    const results: PropertyDefinition[] = [];
    const errors: Record<string, unknown>[] = [];
    for (const input of inputs) {
      if (definitions.has(input.name)) {
        errors.push(alreadyExists(input.name));
        continue;
      }
      const definition = newPropertyDefinition(input, at, definitions.size);
      definitions.set(definition.name, definition);
      results.push(definition);
    }
    const body = { status: 'COMPLETE', results, ...batchTimes(startedAt, now()) };
    if (errors.length === 0) res.status(201).json(body);
    else res.status(207).json({ ...body, numErrors: errors.length, errors });
  });

  crmRoute(router, guards, { method: 'post', route: ROUTES.properties, scopes: write }, (req, res) => {
    const portalId = portalIdOf(res);
    const type = objectTypeParam(req.params);
    const input = parseBody(propertyCreateSchema, req.body);
    const definitions = definitionsOf(portalId, type);
    const problems = [...propertyCreateProblems(input, groupsOf(portalId, type)), ...versionProblems(res, input)];
    if (problems.length > 0) throw validationError(problems.join(' '));
    if (definitions.has(input.name)) throw crmError(409, 'OBJECT_ALREADY_EXISTS', `Property named '${input.name}' already exists.`);
    const definition = newPropertyDefinition(input, new Date(now()).toISOString(), definitions.size);
    definitions.set(definition.name, definition);
    res.status(201).json(definition);
  });

  crmRoute(router, guards, { method: 'get', route: ROUTES.property, scopes: read }, (req, res) => {
    const definition = definitionsOf(portalIdOf(res), objectTypeParam(req.params)).get(req.params.propertyName as string);
    if (!definition || definition.archived) throw crmError(404, 'OBJECT_NOT_FOUND', `Unable to find property ${String(req.params.propertyName)}`);
    res.json(definition);
  });

  crmRoute(router, guards, { method: 'patch', route: ROUTES.property, scopes: write }, (req, res) => {
    const portalId = portalIdOf(res);
    const type = objectTypeParam(req.params);
    const definition = definitionsOf(portalId, type).get(req.params.propertyName as string);
    if (!definition || definition.archived) throw crmError(404, 'OBJECT_NOT_FOUND', `Unable to find property ${String(req.params.propertyName)}`);
    const update = parseBody(propertyUpdateSchema, req.body);
    if (definition.modificationMetadata.readOnlyDefinition) throw validationError(`Property ${definition.name} has a read-only definition.`);
    const merged = { ...definition, ...update, type: update.type ?? definition.type, fieldType: update.fieldType ?? definition.fieldType };
    const problems = [...definitionProblems(merged, groupsOf(portalId, type)), ...versionProblems(res, { name: definition.name, options: update.options })];
    if (problems.length > 0) throw validationError(problems.join(' '));
    Object.assign(definition, newPropertyDefinition({ ...merged, description: merged.description }, definition.createdAt, definition.displayOrder), {
      createdAt: definition.createdAt,
      updatedAt: new Date(now()).toISOString(),
    });
    res.json(definition);
  });

  return router;
}
