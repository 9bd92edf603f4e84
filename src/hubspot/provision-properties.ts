import type { Logger } from '../log';
import { APP_PROPERTIES, APP_PROPERTY_GROUP, type PropertyDefinition } from './app-properties';

/** The part of a portal's HubSpot client that provisioning uses. */
export interface PropertiesApi {
  listGroups(objectType: string): Promise<{ name: string }[]>;
  createGroup(objectType: string, group: { name: string; label: string; displayOrder?: number }): Promise<unknown>;
  list(objectType: string): Promise<{ name: string; groupName?: string; type?: string }[]>;
  batchCreate(objectType: string, inputs: PropertyDefinition[]): Promise<unknown>;
}

export interface ProvisionResult {
  groupCreated: boolean;
  created: string[];
  /** Names that already existed and were left exactly as the portal has them. */
  existing: string[];
}

/**
 * Creates the app's property group and contact properties that are missing, and nothing else:
 * a property that exists — ours from an earlier install or the portal's own — is never altered.
 */
export async function provisionProperties(
  api: PropertiesApi,
  logger: Logger,
  definitions: PropertyDefinition[] = APP_PROPERTIES,
): Promise<ProvisionResult> {
  const groups = await api.listGroups('contacts');
  const groupCreated = !groups.some((group) => group.name === APP_PROPERTY_GROUP.name);
  if (groupCreated) await api.createGroup('contacts', { ...APP_PROPERTY_GROUP });

  const present = new Map((await api.list('contacts')).map((p) => [p.name, p]));
  const missing = definitions.filter((definition) => !present.has(definition.name));
  const existing = definitions.filter((definition) => present.has(definition.name)).map((d) => d.name);
  for (const name of existing) {
    const theirs = present.get(name)!;
    const ours = definitions.find((d) => d.name === name)!;
    if (theirs.groupName !== ours.groupName || theirs.type !== ours.type) {
      logger.warn(
        { property: name, group: theirs.groupName, type: theirs.type },
        'portal already has a property with this name that the app did not create; left untouched',
      );
    }
  }
  if (missing.length > 0) await api.batchCreate('contacts', missing);
  return { groupCreated, created: missing.map((d) => d.name), existing };
}
