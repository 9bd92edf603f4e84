import type { CrmRecord } from './crm-types';
import type { ApiPaths } from './api-paths';
import { hubspotJson } from './json-request';
import type { PortalRequest } from './gateway-portal-client';

/** HubSpot's users object (0-115): one record per user of the account, read with crm.objects.users.read. */
export const USERS_OBJECT_TYPE = 'users';
/** The most records one page of a CRM object list holds. */
const USERS_PAGE = 100;

interface UsersPage {
  results: Array<{ id: string; properties: Record<string, string | null>; createdAt: string; updatedAt: string; archived?: boolean }>;
  paging?: { next?: { after?: string } };
}

/** Every user record of the portal with `properties`, page after page, each page under the portal's limiter and retries. */
export async function listAllUserRecords(run: PortalRequest, paths: ApiPaths, properties: readonly string[]): Promise<CrmRecord[]> {
  const path = paths.objects(USERS_OBJECT_TYPE);
  const records: CrmRecord[] = [];
  let after: string | undefined;
  do {
    const cursor = after;
    const page = await run('userRecords.list', (client) =>
      hubspotJson<UsersPage>(client, { method: 'GET', path, query: { limit: USERS_PAGE, after: cursor, properties: [...properties] } }),
    );
    records.push(...page.results.map((record) => ({ ...record, id: String(record.id), archived: record.archived ?? false })));
    after = page.paging?.next?.after;
  } while (after);
  return records;
}
