import type { Response } from 'express';
import { batchError } from './hubspot-errors';
import type { ObjectType } from './object-types';
import type { PropertyDefinition } from './property-model';
import type { CrmRecord } from './state';

/** Returned when the caller names no properties (HubSpot's defaults per object). */
const DEFAULT_PROPERTIES: Readonly<Record<ObjectType, readonly string[]>> = {
  contacts: ['firstname', 'lastname', 'email'],
  companies: ['name', 'domain'],
  deals: ['dealname', 'amount', 'dealstage', 'pipeline', 'closedate'],
  calls: [], emails: [], meetings: [], notes: [], tasks: [],
};

/** Always returned, whatever was asked for. */
const SYSTEM_PROPERTIES: Readonly<Record<ObjectType, readonly string[]>> = {
  contacts: ['createdate', 'lastmodifieddate', 'hs_object_id'],
  companies: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  deals: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  calls: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  emails: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  meetings: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  tasks: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

export interface SimplePublicObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

/**
 * A record as HubSpot's `SimplePublicObject`: requested properties with a value are present, `""` once cleared
 * (HubSpot clears a value written as `""` and reads it back that way); a property never set is left out, as are
 * unknown names (the 2026-03 schema allows null there, but checks against HubSpot's specs expect a string or
 * nothing, so the emulator never sends null and the app reads absent and null alike); system properties always
 * come along.
 */
export function recordResponse(
  type: ObjectType,
  record: CrmRecord,
  requested: readonly string[] | undefined,
  definitions: ReadonlyMap<string, PropertyDefinition>,
): SimplePublicObject {
  const names = [...(requested && requested.length > 0 ? requested : DEFAULT_PROPERTIES[type]), ...SYSTEM_PROPERTIES[type]];
  const properties: Record<string, string | null> = {};
  for (const name of names) {
    const value = record.properties[name];
    if (value !== undefined && value !== null) properties[name] = value;
  }
  return {
    id: record.id,
    properties,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    archived: record.archived,
    ...(record.archivedAt === undefined ? {} : { archivedAt: new Date(record.archivedAt).toISOString() }),
  };
}

/** The timing fields every batch response carries. */
export function batchTimes(startedAt: number, completedAt: number): { startedAt: string; completedAt: string } {
  return { startedAt: new Date(startedAt).toISOString(), completedAt: new Date(completedAt).toISOString() };
}

/** A batch answer: 200 when every id was found, else HubSpot's 207 with the missing ids in one OBJECT_NOT_FOUND error. */
export function sendBatchResult(
  res: Response,
  results: unknown[],
  notFound: { message: string; ids: string[] } | undefined,
  startedAt: number,
  completedAt: number,
): void {
  const times = batchTimes(startedAt, completedAt);
  if (!notFound) {
    res.json({ status: 'COMPLETE', results, ...times });
    return;
  }
  res.status(207).json({
    status: 'COMPLETE',
    results,
    numErrors: 1,
    errors: [batchError('OBJECT_NOT_FOUND', notFound.message, { ids: notFound.ids })],
    ...times,
  });
}
