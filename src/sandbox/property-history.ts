import type { CrmRecord } from './state';

/** Who set a value, as HubSpot's property history names it (e.g. `ANALYTICS`, `FORM`, `CRM_UI` with `userId:…`). */
export interface ValueSource {
  sourceType: string;
  sourceId?: string;
}

interface HistoryEntry extends ValueSource {
  value: string;
  at: number;
}

/** Every value each record's properties held, oldest first; kept beside the records so their shape stays HubSpot's. */
const histories = new WeakMap<CrmRecord, Map<string, HistoryEntry[]>>();

/** The source of values set without naming one (the API, as the app's own writes are). */
export const API_SOURCE: ValueSource = { sourceType: 'API' };

/** Records the values just set on a record, each only when it differs from the value the property held. */
export function recordHistory(record: CrmRecord, values: Readonly<Record<string, string>>, at: number, source: ValueSource = API_SOURCE): void {
  let byProperty = histories.get(record);
  if (!byProperty) histories.set(record, (byProperty = new Map()));
  for (const [name, value] of Object.entries(values)) {
    let entries = byProperty.get(name);
    if (!entries) byProperty.set(name, (entries = []));
    if (entries[entries.length - 1]?.value === value) continue;
    entries.push({ value, at, ...source });
  }
}

/**
 * `propertiesWithHistory` as HubSpot answers it: per asked-for property that exists, its values newest first, each
 * `{ value, timestamp, sourceType, sourceId? }` (an empty list for a property that never held a value).
 */
export function propertiesWithHistory(record: CrmRecord, names: readonly string[], exists: (name: string) => boolean) {
  const answer: Record<string, Array<{ value: string; timestamp: string; sourceType: string; sourceId?: string }>> = {};
  for (const name of names) {
    if (!exists(name)) continue;
    answer[name] = [...(histories.get(record)?.get(name) ?? [])]
      .reverse()
      .map(({ value, at, sourceType, sourceId }) => ({ value, timestamp: new Date(at).toISOString(), sourceType, ...(sourceId ? { sourceId } : {}) }));
  }
  return answer;
}
