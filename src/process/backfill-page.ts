import { backfillActivities } from '../domain/activities';
import type { LiveSettings } from '../domain/portal-settings';
import type { CrmRecord } from '../hubspot/crm-types';
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
}

/**
 * Settles a page's contacts as one batch (each contact's current properties as its facts, and the activities
 * they tell) and moves the portal's cursor past the page, in the caller's transaction: the page's contacts
 * and the cursor commit together, so a restart resumes after the last committed page and never settles one twice.
 */
export async function settleBackfillPage(tx: Queryable, portalId: number, page: BackfillPage, now: Date): Promise<void> {
  const at = now.getTime();
  const { mapping } = page.live.settings.scoring;
  const work = new Map(
    page.records.map((record): [number, ContactInput[]] => [
      Number(record.id),
      [
        { kind: 'facts', properties: presentValues(record.properties), occurredAt: at },
        { kind: 'activities', activities: backfillActivities(record.id, record.properties, mapping, at), occurredAt: at },
      ],
    ]),
  );
  await settleContacts(tx, { portalId, live: page.live, now }, work);
  await advanceBackfill(tx, portalId, page.after, page.records.length, now);
}
