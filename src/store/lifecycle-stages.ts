import type { LifecycleStage } from '../domain/write-back/lifecycle-stages';
import type { Queryable } from './db';

/** Stores the portal's lifecycle stages as just read from HubSpot. */
export async function saveLifecycleStages(db: Queryable, portalId: number, stages: readonly LifecycleStage[], readAt: Date): Promise<void> {
  await db.query(
    `INSERT INTO portal_lifecycle_stages (portal_id, stages, read_at) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (portal_id) DO UPDATE SET stages = EXCLUDED.stages, read_at = EXCLUDED.read_at`,
    [portalId, JSON.stringify(stages), readAt],
  );
}

/** The portal's lifecycle stages as last read, in its order; undefined before the first read. */
export async function lifecycleStagesOf(db: Queryable, portalId: number): Promise<{ stages: LifecycleStage[]; readAt: Date } | undefined> {
  const [row] = await db.query<{ stages: LifecycleStage[]; read_at: Date }>('SELECT stages, read_at FROM portal_lifecycle_stages WHERE portal_id = $1', [portalId]);
  return row ? { stages: row.stages, readAt: row.read_at } : undefined;
}
