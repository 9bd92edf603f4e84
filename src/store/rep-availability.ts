import type { HubspotUserProperties } from '../domain/availability';
import type { Queryable } from './db';

/** One owner's availability as HubSpot's user record said it. */
export interface StoredUserAvailability extends HubspotUserProperties {
  ownerId: string;
  userId: number;
}

export type AvailabilityReadOutcome = 'read' | 'scope_not_granted' | 'failed';

/** The latest attempt to read a portal's users; `readAt` is the last one that succeeded. */
export interface AvailabilityReadStatus {
  outcome: AvailabilityReadOutcome;
  detail: string | null;
  attemptedAt: Date;
  readAt: Date | null;
  usersRead: number;
}

interface ReadRow {
  outcome: AvailabilityReadOutcome;
  detail: string | null;
  attempted_at: Date;
  read_at: Date | null;
  users_read: number;
}

/** Replaces what is stored of the portal's reps' availability with what HubSpot said now. */
export async function saveRepAvailability(tx: Queryable, portalId: number, users: readonly StoredUserAvailability[], now: Date): Promise<void> {
  await tx.query('DELETE FROM rep_availability WHERE portal_id = $1', [portalId]);
  if (users.length > 0) {
    await tx.query(
      `INSERT INTO rep_availability (portal_id, owner_id, user_id, availability_status, working_hours, out_of_office_hours, time_zone, read_at)
       SELECT $1, u.owner_id, u.user_id, u.availability_status, u.working_hours, u.out_of_office_hours, u.time_zone, $3
       FROM jsonb_to_recordset($2::jsonb) AS u(owner_id text, user_id bigint, availability_status text, working_hours text, out_of_office_hours text, time_zone text)`,
      [
        portalId,
        JSON.stringify(
          users.map((user) => ({
            owner_id: user.ownerId,
            user_id: user.userId,
            availability_status: user.availabilityStatus ?? null,
            working_hours: user.workingHours ?? null,
            out_of_office_hours: user.outOfOfficeHours ?? null,
            time_zone: user.timeZone ?? null,
          })),
        ),
        now,
      ],
    );
  }
  await tx.query(
    `INSERT INTO rep_availability_reads (portal_id, outcome, detail, attempted_at, read_at, users_read) VALUES ($1, 'read', NULL, $2, $2, $3)
     ON CONFLICT (portal_id) DO UPDATE SET outcome = 'read', detail = NULL, attempted_at = $2, read_at = $2, users_read = $3`,
    [portalId, now, users.length],
  );
}

/**
 * Records a read that did not happen. Without the scope, what was read before is forgotten (the settings
 * decide again); after a HubSpot failure, the last read stands.
 */
export async function recordUnreadAvailability(tx: Queryable, portalId: number, outcome: Exclude<AvailabilityReadOutcome, 'read'>, detail: string, now: Date): Promise<void> {
  if (outcome === 'scope_not_granted') await tx.query('DELETE FROM rep_availability WHERE portal_id = $1', [portalId]);
  await tx.query(
    `INSERT INTO rep_availability_reads (portal_id, outcome, detail, attempted_at, read_at) VALUES ($1, $2, $3, $4, NULL)
     ON CONFLICT (portal_id) DO UPDATE SET outcome = $2, detail = $3, attempted_at = $4,
       read_at = CASE WHEN $2 = 'scope_not_granted' THEN NULL ELSE rep_availability_reads.read_at END,
       users_read = CASE WHEN $2 = 'scope_not_granted' THEN 0 ELSE rep_availability_reads.users_read END`,
    [portalId, outcome, detail, now],
  );
}

export async function availabilityReadStatus(db: Queryable, portalId: number): Promise<AvailabilityReadStatus | undefined> {
  const [row] = await db.query<ReadRow>('SELECT outcome, detail, attempted_at, read_at, users_read FROM rep_availability_reads WHERE portal_id = $1', [portalId]);
  return row && { outcome: row.outcome, detail: row.detail, attemptedAt: row.attempted_at, readAt: row.read_at, usersRead: row.users_read };
}

export async function storedRepAvailability(db: Queryable, portalId: number): Promise<StoredUserAvailability[]> {
  const rows = await db.query<{
    owner_id: string;
    user_id: number | string;
    availability_status: string | null;
    working_hours: string | null;
    out_of_office_hours: string | null;
    time_zone: string | null;
  }>('SELECT owner_id, user_id, availability_status, working_hours, out_of_office_hours, time_zone FROM rep_availability WHERE portal_id = $1 ORDER BY owner_id', [portalId]);
  return rows.map((row) => ({
    ownerId: row.owner_id,
    userId: Number(row.user_id),
    availabilityStatus: row.availability_status,
    workingHours: row.working_hours,
    outOfOfficeHours: row.out_of_office_hours,
    timeZone: row.time_zone,
  }));
}
