import { defaultProperties, defaultPropertyGroups } from './default-properties';
import {
  OBJECT_TYPES, PRIMARY_COMPANY_TYPES, defaultAssociationType, type AssociationType, type ObjectType,
} from './object-types';
import type { PropertyDefinition, PropertyGroup } from './property-model';
import { recordHistory, type ValueSource } from './property-history';
import { normalisePropertyValue } from './property-values';
import { PortalValidationRules } from './validation-rules';

export interface CrmRecord {
  id: string;
  properties: Record<string, string>;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt?: number;
}

export interface Owner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  teams: { id: string; primary: boolean }[];
  archived: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A user of the portal, as the user provisioning API (settings/v3/users) knows them. Every owner is one. */
export interface User {
  id: number;
  email: string;
  firstName?: string;
  lastName?: string;
  roleIds: string[];
  superAdmin: boolean;
  primaryTeamId?: string;
  secondaryTeamIds: string[];
}

export interface Team {
  id: string;
  name: string;
}

export interface Portal {
  portalId: number;
  domain: string;
  /** The user who installs the app (token info `user` / `user_id`); also one of `users`. */
  user: { id: number; email: string };
  /** The portal's users by id: the installing user and every owner's user. */
  users: Map<number, User>;
  /** Optional scopes this account cannot grant (HubSpot leaves out optional scopes an account's subscription lacks). */
  withheldScopes: ReadonlySet<string>;
  objects: Map<ObjectType, Map<string, CrmRecord>>;
  /** Ids of every record ever created, ascending, per type: the cursor for list paging. */
  order: Map<ObjectType, string[]>;
  /** Merged-away contact id → the id it was merged into. */
  mergedInto: Map<string, string>;
  properties: Map<ObjectType, Map<string, PropertyDefinition>>;
  groups: Map<ObjectType, Map<string, PropertyGroup>>;
  owners: Map<string, Owner>;
  teams: Map<string, Team>;
  /** `${type}:${id}` → target type → target id → association types. */
  associations: Map<string, Map<ObjectType, Map<string, AssociationType[]>>>;
  nextId: number;
}

export interface NewPortal {
  portalId?: number;
  domain?: string;
  /** The installing user; a super admin unless `superAdmin` is false. */
  user?: { id: number; email: string; superAdmin?: boolean };
  withheldScopes?: string[];
}

export interface AssociationTarget {
  type: ObjectType;
  id: string;
}

/** Everything the emulated HubSpot knows about its portals. Helpers here bypass API validation (tests arrange with them). */
export class SandboxState {
  private readonly portalsById = new Map<number, Portal>();
  private nextPortalId = 24_000_001;
  private nextOwnerId = 70_000_001;
  private nextUserId = 9_000_001;
  /** Each portal's admin-configured validation rules, applied to API writes (`validationRules.set(portalId, rules)`). */
  readonly validationRules = new PortalValidationRules();

  constructor(private readonly now: () => number) {}

  createPortal(input: NewPortal = {}): Portal {
    const portalId = input.portalId ?? this.nextPortalId++;
    if (this.portalsById.has(portalId)) throw new Error(`portal ${portalId} already exists`);
    const objects = new Map<ObjectType, Map<string, CrmRecord>>();
    const order = new Map<ObjectType, string[]>();
    const properties = new Map<ObjectType, Map<string, PropertyDefinition>>();
    const groups = new Map<ObjectType, Map<string, PropertyGroup>>();
    for (const type of Object.keys(OBJECT_TYPES) as ObjectType[]) {
      objects.set(type, new Map());
      order.set(type, []);
      properties.set(type, new Map(defaultProperties(type).map((p) => [p.name, p])));
      groups.set(type, new Map(defaultPropertyGroups(type).map((g) => [g.name, g])));
    }
    const user = { id: input.user?.id ?? this.nextUserId++, email: input.user?.email ?? `admin@portal-${portalId}.example.com` };
    const portal: Portal = {
      portalId,
      domain: input.domain ?? `portal-${portalId}.example.com`,
      user,
      users: new Map([[user.id, { ...user, roleIds: [], superAdmin: input.user?.superAdmin ?? true, secondaryTeamIds: [] }]]),
      withheldScopes: new Set(input.withheldScopes),
      objects, order, properties, groups,
      mergedInto: new Map(),
      owners: new Map(),
      teams: new Map(),
      associations: new Map(),
      nextId: 101,
    };
    this.portalsById.set(portalId, portal);
    return portal;
  }

  portal(portalId: number): Portal {
    const portal = this.portalsById.get(portalId);
    if (!portal) throw new Error(`no sandbox portal ${portalId}`);
    return portal;
  }

  hasPortal(portalId: number): boolean {
    return this.portalsById.has(portalId);
  }

  portals(): Portal[] {
    return [...this.portalsById.values()];
  }

  createTeam(portalId: number, name: string): Team {
    const portal = this.portal(portalId);
    const team = { id: String(portal.teams.size + 1001), name };
    portal.teams.set(team.id, team);
    return team;
  }

  createOwner(
    portalId: number,
    input: { email: string; firstName: string; lastName: string; teamIds?: string[]; archived?: boolean; createdAt?: number; superAdmin?: boolean },
  ): Owner {
    const portal = this.portal(portalId);
    const at = input.createdAt ?? this.now();
    const owner: Owner = {
      id: String(this.nextOwnerId++),
      email: input.email,
      firstName: input.firstName,
      lastName: input.lastName,
      userId: this.nextUserId++,
      teams: (input.teamIds ?? []).map((id, index) => ({ id, primary: index === 0 })),
      archived: input.archived ?? false,
      createdAt: at,
      updatedAt: at,
    };
    portal.owners.set(owner.id, owner);
    const [primaryTeamId, ...secondaryTeamIds] = input.teamIds ?? [];
    portal.users.set(owner.userId, {
      id: owner.userId, email: owner.email, firstName: owner.firstName, lastName: owner.lastName,
      roleIds: [], superAdmin: input.superAdmin ?? false, primaryTeamId, secondaryTeamIds,
    });
    return owner;
  }

  archiveOwner(portalId: number, ownerId: string): void {
    const owner = this.portal(portalId).owners.get(ownerId);
    if (!owner) throw new Error(`no owner ${ownerId} in portal ${portalId}`);
    owner.archived = true;
    owner.updatedAt = this.now();
  }

  /** Creates a record as HubSpot would store it (values normalised, system properties set), with its associations. */
  createRecord(
    portalId: number,
    type: ObjectType,
    properties: Readonly<Record<string, string>>,
    options: { createdAt?: number; associations?: readonly AssociationTarget[] } = {},
  ): CrmRecord {
    const portal = this.portal(portalId);
    const at = options.createdAt ?? this.now();
    const id = String(portal.nextId++);
    const iso = new Date(at).toISOString();
    const record: CrmRecord = {
      id,
      properties: {
        ...this.normalised(portal, type, properties),
        hs_object_id: id,
        [type === 'contacts' || type === 'companies' || type === 'deals' ? 'createdate' : 'hs_createdate']: iso,
        [OBJECT_TYPES[type].modifiedProperty]: iso,
      },
      createdAt: at,
      updatedAt: at,
      archived: false,
    };
    recordHistory(record, record.properties, at);
    portal.objects.get(type)!.set(id, record);
    portal.order.get(type)!.push(id);
    for (const target of options.associations ?? []) this.associate(portalId, { type, id }, target);
    return record;
  }

  /** A live record by id, following contact merges; undefined when missing or archived. */
  findRecord(portalId: number, type: ObjectType, id: string): CrmRecord | undefined {
    const portal = this.portal(portalId);
    const resolved = type === 'contacts' ? (portal.mergedInto.get(id) ?? id) : id;
    const record = portal.objects.get(type)!.get(resolved);
    return record && !record.archived ? record : undefined;
  }

  findByProperty(portalId: number, type: ObjectType, name: string, value: string): CrmRecord | undefined {
    const wanted = name === 'email' ? value.toLowerCase() : value;
    for (const record of this.portal(portalId).objects.get(type)!.values()) {
      const actual = record.properties[name];
      if (!record.archived && (name === 'email' ? actual?.toLowerCase() : actual) === wanted) return record;
    }
    return undefined;
  }

  /** Sets property values directly (no validation), recording them in the properties' history; returns the record. */
  setProperties(portalId: number, type: ObjectType, id: string, properties: Readonly<Record<string, string>>, at = this.now(), source?: ValueSource): CrmRecord {
    const portal = this.portal(portalId);
    const record = this.findRecord(portalId, type, id);
    if (!record) throw new Error(`no live ${type} ${id} in portal ${portalId}`);
    const values = this.normalised(portal, type, properties);
    recordHistory(record, values, at, source);
    Object.assign(record.properties, values);
    record.properties[OBJECT_TYPES[type].modifiedProperty] = new Date(at).toISOString();
    record.updatedAt = at;
    return record;
  }

  /** A copy of a record's current property values (for assertions on what the app wrote). */
  properties(portalId: number, type: ObjectType, id: string): Record<string, string> | undefined {
    const record = this.findRecord(portalId, type, id);
    return record ? { ...record.properties } : undefined;
  }

  archiveRecord(portalId: number, type: ObjectType, id: string): void {
    const record = this.portal(portalId).objects.get(type)!.get(id);
    if (!record) throw new Error(`no ${type} ${id} in portal ${portalId}`);
    record.archived = true;
    record.archivedAt = this.now();
  }

  /** Merges `mergedId` into `primaryId` (primary values win, gaps filled), archiving the merged contact. */
  mergeContacts(portalId: number, primaryId: string, mergedId: string): CrmRecord {
    const portal = this.portal(portalId);
    const primary = this.findRecord(portalId, 'contacts', primaryId);
    const merged = this.findRecord(portalId, 'contacts', mergedId);
    if (!primary || !merged) throw new Error(`cannot merge contacts ${mergedId} into ${primaryId}`);
    for (const [name, value] of Object.entries(merged.properties)) {
      if (primary.properties[name] === undefined || primary.properties[name] === '') primary.properties[name] = value;
    }
    for (const [toType, targets] of portal.associations.get(`contacts:${merged.id}`) ?? []) {
      for (const [toId, types] of targets) this.associate(portalId, { type: 'contacts', id: primary.id }, { type: toType, id: toId }, types);
    }
    merged.archived = true;
    merged.archivedAt = this.now();
    portal.mergedInto.set(merged.id, primary.id);
    for (const [from, into] of portal.mergedInto) if (into === merged.id) portal.mergedInto.set(from, primary.id);
    return primary;
  }

  /** Associates two records both ways with HubSpot's default (unlabeled) types, or the given ones from `from`'s side. */
  associate(portalId: number, from: AssociationTarget, to: AssociationTarget, types?: readonly AssociationType[]): void {
    const forward = [...(types ?? this.defaultTypes(from.type, to.type))];
    const backward = this.defaultTypes(to.type, from.type);
    const contact = from.type === 'contacts' ? from : to.type === 'contacts' ? to : undefined;
    const isContactCompany = contact !== undefined && (from.type === 'companies' || to.type === 'companies');
    if (isContactCompany && this.associationsOf(portalId, contact, 'companies').size === 0) {
      forward.unshift(PRIMARY_COMPANY_TYPES[`${from.type}>${to.type}`]!);
      backward.unshift(PRIMARY_COMPANY_TYPES[`${to.type}>${from.type}`]!);
    }
    this.addAssociation(portalId, from, to, forward);
    this.addAssociation(portalId, to, from, backward);
  }

  /** The records of `toType` associated with a record, with the association types. */
  associationsOf(portalId: number, from: AssociationTarget, toType: ObjectType): Map<string, AssociationType[]> {
    const targets = this.portal(portalId).associations.get(`${from.type}:${from.id}`)?.get(toType) ?? new Map<string, AssociationType[]>();
    const live = new Map<string, AssociationType[]>();
    for (const [id, types] of targets) if (this.findRecord(portalId, toType, id)) live.set(id, types);
    return live;
  }

  private defaultTypes(from: ObjectType, to: ObjectType): AssociationType[] {
    const unlabeled = defaultAssociationType(from, to);
    if (!unlabeled) throw new Error(`HubSpot defines no association from ${from} to ${to}`);
    return [unlabeled];
  }

  private addAssociation(portalId: number, from: AssociationTarget, to: AssociationTarget, types: readonly AssociationType[]): void {
    const portal = this.portal(portalId);
    const key = `${from.type}:${from.id}`;
    let byType = portal.associations.get(key);
    if (!byType) portal.associations.set(key, (byType = new Map()));
    let targets = byType.get(to.type);
    if (!targets) byType.set(to.type, (targets = new Map()));
    const existing = targets.get(to.id) ?? [];
    const merged = [...existing];
    for (const type of types) if (!merged.some((t) => t.typeId === type.typeId)) merged.push(type);
    targets.set(to.id, merged);
  }

  private normalised(portal: Portal, type: ObjectType, properties: Readonly<Record<string, string>>): Record<string, string> {
    const definitions = portal.properties.get(type)!;
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(properties)) {
      const definition = definitions.get(name);
      values[name] = definition ? normalisePropertyValue(definition, value) : value;
    }
    return values;
  }
}
