import { backfillActivities, parseHubspotTimestamp, type ContactEvent } from '../domain/activities';
import type { LiveSettings } from '../domain/portal-settings';
import type { CrmRecord } from '../hubspot/crm-types';
import type { PropertyHistoryEntry } from '../hubspot/crm-types';
import { advanceBackfill } from '../store/backfills';
import type { Queryable } from '../store/db';
import { presentValues } from './pipeline-deps';
import { settleContacts, type ContactInput } from './settle-contacts';

/** A page of a portal's contacts as the backfill read it, with the settings whose tracked properties it holds. */
export interface BackfillPage {
  records: CrmRecord[];
  /** Where the next page starts; null after the last page. */
  after: string | null;
  live: LiveSettings;
  /** Per contact id, every value its activity properties held (newest first, as HubSpot lists them). */
  histories?: ReadonlyMap<string, Record<string, PropertyHistoryEntry[]>>;
}

/**
 * A contact's property history as the change events HubSpot would have sent for it, so the backfill rebuilds each
 * open, click, form submission and page visit the way webhooks do, with the same activity keys and times.
 */
export function historyEvents(contactId: string, history: Record<string, PropertyHistoryEntry[]>): ContactEvent[] {
  return Object.entries(history).flatMap(([propertyName, entries]) =>
    entries.flatMap((entry): ContactEvent[] => {
      const occurredAt = parseHubspotTimestamp(entry.timestamp);
      if (occurredAt === undefined) return [];
      return [{
        key: `history:${contactId}:${propertyName}:${occurredAt}`,
        subscriptionType: 'contact.propertyChange',
        objectId: Number(contactId),
        occurredAt,
        propertyName,
        propertyValue: entry.value,
        changeSource: entry.sourceType,
        ...(entry.sourceId ? { sourceId: entry.sourceId } : {}),
      }];
    }),
  );
}

/**
 * Settles a page's contacts as one batch (each contact's current properties as its facts, its activity properties'
 * history as the changes it was, and what the current values tell of the rest) and moves the portal's cursor past
 * the page, in the caller's transaction: the page's contacts and the cursor commit together, so a restart resumes
 * after the last committed page and never settles one twice.
 */
export async function settleBackfillPage(tx: Queryable, portalId: number, page: BackfillPage, now: Date): Promise<void> {
  const at = now.getTime();
  const { mapping } = page.live.settings.scoring;
  const work = new Map(
    page.records.map((record): [number, ContactInput[]] => {
      const history = page.histories?.get(record.id) ?? {};
      return [
        Number(record.id),
        [
          { kind: 'facts', properties: presentValues(record.properties), occurredAt: at },
          { kind: 'activities', activities: backfillActivities(record.id, record.properties, mapping, at, new Set(Object.keys(history))), occurredAt: at },
          ...historyEvents(record.id, history).map((event): ContactInput => ({ kind: 'event', event })),
        ],
      ];
    }),
  );
  await settleContacts(tx, { portalId, live: page.live, now }, work);
  await advanceBackfill(tx, portalId, page.after, page.records.length, now);
}
