import { z } from 'zod';
import type { PropertyDefinition } from './property-model';
import type { CrmRecord } from './state';

export const SEARCH_PAGE_LIMIT = 200;
export const SEARCH_RESULT_CAP = 10_000;

const filter = z.object({
  propertyName: z.string(),
  operator: z.enum(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN']),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  highValue: z.union([z.string(), z.number()]).optional(),
  values: z.array(z.union([z.string(), z.number()])).optional(),
});

export const searchRequestSchema = z.object({
  filterGroups: z.array(z.object({ filters: z.array(filter).max(6) })).max(5).optional(),
  sorts: z.array(z.union([z.string(), z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']).optional() })])).optional(),
  query: z.string().optional(),
  properties: z.array(z.string()).optional(),
  limit: z.number().int().optional(),
  after: z.union([z.string(), z.number()]).optional(),
});

export type SearchRequest = z.infer<typeof searchRequestSchema>;
type Filter = z.infer<typeof filter>;

const QUERY_PROPERTIES = ['firstname', 'lastname', 'email', 'phone', 'company', 'name', 'domain', 'hs_task_subject'];

/** Numbers and dates compare as numbers; everything else as case-insensitive text. */
function comparable(definition: PropertyDefinition | undefined, value: string | number | boolean): number | string {
  const text = String(value);
  if (definition?.type === 'number') return Number(text);
  if (definition?.type === 'datetime' || definition?.type === 'date') return /^-?\d+$/.test(text) ? Number(text) : Date.parse(text);
  return text.toLowerCase();
}

function matchesFilter(record: CrmRecord, f: Filter, definitions: ReadonlyMap<string, PropertyDefinition>): boolean {
  const definition = definitions.get(f.propertyName);
  const raw = f.propertyName === 'hs_object_id' ? record.id : record.properties[f.propertyName];
  const has = raw !== undefined && raw !== '';
  if (f.operator === 'HAS_PROPERTY') return has;
  if (f.operator === 'NOT_HAS_PROPERTY') return !has;
  if (f.operator === 'NEQ' || f.operator === 'NOT_IN' || f.operator === 'NOT_CONTAINS_TOKEN') {
    if (!has) return true;
  } else if (!has) {
    return false;
  }
  const actual = comparable(definition, raw!);
  const value = f.value === undefined ? undefined : comparable(definition, f.value);
  const values = (f.values ?? []).map((v) => comparable(definition, v));
  switch (f.operator) {
    case 'EQ': return actual === value;
    case 'NEQ': return actual !== value;
    case 'LT': return value !== undefined && actual < value;
    case 'LTE': return value !== undefined && actual <= value;
    case 'GT': return value !== undefined && actual > value;
    case 'GTE': return value !== undefined && actual >= value;
    case 'BETWEEN': {
      const high = f.highValue === undefined ? undefined : comparable(definition, f.highValue);
      return value !== undefined && high !== undefined && actual >= value && actual <= high;
    }
    case 'IN': return values.includes(actual);
    case 'NOT_IN': return !values.includes(actual);
    case 'CONTAINS_TOKEN': return String(actual).includes(String(value ?? '').replace(/\*/g, ''));
    case 'NOT_CONTAINS_TOKEN': return !String(actual).includes(String(value ?? '').replace(/\*/g, ''));
  }
}

/** HubSpot CRM search over one object type: OR of filter groups, AND within one; sorted; offset-paged; capped at 10k. */
export function searchRecords(
  records: Iterable<CrmRecord>,
  request: SearchRequest,
  definitions: ReadonlyMap<string, PropertyDefinition>,
): { total: number; page: CrmRecord[]; nextAfter?: string } {
  const groups = request.filterGroups ?? [];
  const query = request.query?.toLowerCase();
  const matched: CrmRecord[] = [];
  for (const record of records) {
    if (record.archived) continue;
    if (groups.length > 0 && !groups.some((g) => g.filters.every((f) => matchesFilter(record, f, definitions)))) continue;
    if (query && !QUERY_PROPERTIES.some((name) => record.properties[name]?.toLowerCase().includes(query))) continue;
    matched.push(record);
  }
  const sort = request.sorts?.[0];
  if (sort !== undefined) {
    const [name, descending] = typeof sort === 'string'
      ? [sort.replace(/^-/, ''), sort.startsWith('-')]
      : [sort.propertyName, sort.direction === 'DESCENDING'];
    const key = (r: CrmRecord): number | string => {
      const raw = name === 'hs_object_id' ? r.id : r.properties[name];
      return raw === undefined || raw === '' ? '' : comparable(definitions.get(name) ?? (name === 'hs_object_id' ? { type: 'number' } as PropertyDefinition : undefined), raw);
    };
    matched.sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const order = x < y ? -1 : x > y ? 1 : Number(a.id) - Number(b.id);
      return descending ? -order : order;
    });
  }
  const limit = request.limit ?? 10;
  const offset = Number(request.after ?? 0);
  const end = Math.min(offset + limit, matched.length, SEARCH_RESULT_CAP);
  const page = matched.slice(offset, end);
  return { total: matched.length, page, ...(end < Math.min(matched.length, SEARCH_RESULT_CAP) ? { nextAfter: String(end) } : {}) };
}
