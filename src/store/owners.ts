import type { Queryable } from './db';

export interface OwnerSummary {
  ownerId: string;
  /** The owner's HubSpot user (null for an owner without one), as the settings page's editors are listed. */
  userId: number | null;
  name: string;
  email: string | null;
  archived: boolean;
}

interface OwnerRow {
  owner_id: string;
  user_id: number | null;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  archived: boolean;
}

/** "First Last", else the email, else "Owner <id>". */
export function ownerName(row: Pick<OwnerRow, 'owner_id' | 'email' | 'first_name' | 'last_name'>): string {
  const full = [row.first_name, row.last_name].filter((part) => part && part.trim() !== '').join(' ').trim();
  return full || row.email || `Owner ${row.owner_id}`;
}

/** One owner's name as last synced from HubSpot ("Owner <id>" when not synced). */
export async function ownerNameOf(db: Queryable, portalId: number, ownerId: string): Promise<string> {
  const [row] = await db.query<Omit<OwnerRow, 'user_id'>>('SELECT owner_id, email, first_name, last_name, archived FROM owners WHERE portal_id = $1 AND owner_id = $2', [portalId, ownerId]);
  return row ? ownerName(row) : `Owner ${ownerId}`;
}

/** The portal's owners as last synced from HubSpot, active ones first, by name. */
export async function listOwners(db: Queryable, portalId: number): Promise<OwnerSummary[]> {
  const rows = await db.query<OwnerRow>('SELECT owner_id, user_id, email, first_name, last_name, archived FROM owners WHERE portal_id = $1', [portalId]);
  return rows
    .map((row) => ({ ownerId: row.owner_id, userId: row.user_id, name: ownerName(row), email: row.email, archived: row.archived }))
    .sort((a, b) => Number(a.archived) - Number(b.archived) || a.name.localeCompare(b.name) || a.ownerId.localeCompare(b.ownerId));
}

/** What the owners table keeps of an owner as HubSpot lists it. */
export interface SyncedOwner {
  id: string;
  userId?: number;
  email?: string;
  firstName?: string;
  lastName?: string;
  teams: ReadonlyArray<{ id: string; name: string; primary: boolean }>;
}

/**
 * Replaces the portal's owners with what HubSpot lists now: active and archived owners are upserted;
 * an owner HubSpot no longer lists at all is kept, marked archived (assignments still name it).
 */
export async function syncOwners(db: Queryable, portalId: number, active: readonly SyncedOwner[], archived: readonly SyncedOwner[], now: Date): Promise<void> {
  const all = [...active.map((owner) => ({ owner, archived: false })), ...archived.map((owner) => ({ owner, archived: true }))];
  if (all.length > 0) {
    await db.query(
      `INSERT INTO owners (portal_id, owner_id, user_id, email, first_name, last_name, teams, archived, synced_at)
       SELECT $1, o.owner_id, o.user_id, o.email, o.first_name, o.last_name, o.teams, o.archived, $3
       FROM jsonb_to_recordset($2::jsonb) AS o(owner_id text, user_id bigint, email text, first_name text, last_name text, teams jsonb, archived boolean)
       ON CONFLICT (portal_id, owner_id) DO UPDATE SET user_id = EXCLUDED.user_id, email = EXCLUDED.email, first_name = EXCLUDED.first_name,
         last_name = EXCLUDED.last_name, teams = EXCLUDED.teams, archived = EXCLUDED.archived, synced_at = EXCLUDED.synced_at`,
      [
        portalId,
        JSON.stringify(
          all.map(({ owner, archived: isArchived }) => ({
            owner_id: owner.id,
            user_id: owner.userId ?? null,
            email: owner.email ?? null,
            first_name: owner.firstName ?? null,
            last_name: owner.lastName ?? null,
            teams: owner.teams,
            archived: isArchived,
          })),
        ),
        now,
      ],
    );
  }
  await db.query('UPDATE owners SET archived = true WHERE portal_id = $1 AND synced_at < $2', [portalId, now]);
}

/** The owners that HubSpot users are, for the users that are owners. */
export async function ownersOfUsers(tx: Queryable, portalId: number, userIds: readonly number[]): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx.query<{ user_id: number; owner_id: string }>('SELECT user_id, owner_id FROM owners WHERE portal_id = $1 AND user_id = ANY($2::bigint[])', [
    portalId,
    [...new Set(userIds)],
  ]);
  return new Map(rows.map((row) => [row.user_id, row.owner_id]));
}
