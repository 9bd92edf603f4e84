/** The CRM object types the emulator serves, by name and by HubSpot object type id. */
export const OBJECT_TYPES = {
  contacts: { id: '0-1', singular: 'contact', upper: 'CONTACT', modifiedProperty: 'lastmodifieddate' },
  companies: { id: '0-2', singular: 'company', upper: 'COMPANY', modifiedProperty: 'hs_lastmodifieddate' },
  deals: { id: '0-3', singular: 'deal', upper: 'DEAL', modifiedProperty: 'hs_lastmodifieddate' },
  tasks: { id: '0-27', singular: 'task', upper: 'TASK', modifiedProperty: 'hs_lastmodifieddate' },
  notes: { id: '0-46', singular: 'note', upper: 'NOTE', modifiedProperty: 'hs_lastmodifieddate' },
  meetings: { id: '0-47', singular: 'meeting', upper: 'MEETING_EVENT', modifiedProperty: 'hs_lastmodifieddate' },
  calls: { id: '0-48', singular: 'call', upper: 'CALL', modifiedProperty: 'hs_lastmodifieddate' },
  emails: { id: '0-49', singular: 'email', upper: 'EMAIL', modifiedProperty: 'hs_lastmodifieddate' },
} as const;

export type ObjectType = keyof typeof OBJECT_TYPES;
export const ENGAGEMENT_TYPES = ['calls', 'emails', 'meetings', 'notes', 'tasks'] as const satisfies readonly ObjectType[];
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

const BY_ALIAS = new Map<string, ObjectType>();
for (const [name, info] of Object.entries(OBJECT_TYPES) as [ObjectType, (typeof OBJECT_TYPES)[ObjectType]][]) {
  for (const alias of [name, info.id, info.singular]) BY_ALIAS.set(alias.toLowerCase(), name);
}

/** Resolves `contacts`, `contact`, `CONTACTS` or `0-1` alike, as HubSpot does. */
export function resolveObjectType(nameOrId: string): ObjectType | undefined {
  return BY_ALIAS.get(nameOrId.toLowerCase());
}

export interface AssociationType {
  category: 'HUBSPOT_DEFINED' | 'USER_DEFINED';
  typeId: number;
  label: string | null;
}

/** HubSpot-defined unlabeled association type ids, per direction (see the SDK's AssociationTypes enum). */
const DEFAULT_ASSOCIATION_TYPE_IDS: Readonly<Record<string, number>> = {
  'contacts>companies': 279, 'companies>contacts': 280,
  'contacts>deals': 4, 'deals>contacts': 3,
  'companies>deals': 342, 'deals>companies': 341,
  'contacts>calls': 193, 'calls>contacts': 194,
  'contacts>emails': 197, 'emails>contacts': 198,
  'contacts>meetings': 199, 'meetings>contacts': 200,
  'contacts>notes': 201, 'notes>contacts': 202,
  'contacts>tasks': 203, 'tasks>contacts': 204,
  'companies>calls': 181, 'calls>companies': 182,
  'companies>emails': 185, 'emails>companies': 186,
  'companies>meetings': 187, 'meetings>companies': 188,
  'companies>notes': 189, 'notes>companies': 190,
  'companies>tasks': 191, 'tasks>companies': 192,
};

/** The primary contact→company / company→contact labels HubSpot adds next to the unlabeled type. */
export const PRIMARY_COMPANY_TYPES: Readonly<Record<string, AssociationType>> = {
  'contacts>companies': { category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
  'companies>contacts': { category: 'HUBSPOT_DEFINED', typeId: 2, label: 'Primary' },
};

export function defaultAssociationType(from: ObjectType, to: ObjectType): AssociationType | undefined {
  const typeId = DEFAULT_ASSOCIATION_TYPE_IDS[`${from}>${to}`];
  return typeId === undefined ? undefined : { category: 'HUBSPOT_DEFINED', typeId, label: null };
}

/** Which association type id means which direction, to store the inverse of an association created by id. */
export function associationDirectionOf(typeId: number): { from: ObjectType; to: ObjectType } | undefined {
  for (const [key, id] of Object.entries(DEFAULT_ASSOCIATION_TYPE_IDS)) {
    if (id !== typeId) continue;
    const [from, to] = key.split('>') as [ObjectType, ObjectType];
    return { from, to };
  }
  for (const [key, type] of Object.entries(PRIMARY_COMPANY_TYPES)) {
    if (type.typeId !== typeId) continue;
    const [from, to] = key.split('>') as [ObjectType, ObjectType];
    return { from, to };
  }
  return undefined;
}
