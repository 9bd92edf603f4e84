/**
 * Every PostgreSQL advisory lock key the app takes, in one place, so no two holders can ever share one:
 * the migration lock, one per scheduled job (one runner per tick across every instance), and the token
 * refresh range and the backfill range (each + portal id) above all of them.
 */
export const LOCK_KEYS = {
  migrations: 7_041_001,
  jobs: {
    'refresh-tokens': 7_041_010,
    'purge-uninstalled': 7_041_011,
    'decay-rescore': 7_041_012,
    'route-held-leads': 7_041_013,
    'sla-sweep': 7_041_014,
    'owners-sync': 7_041_015,
    'send-tasks': 7_041_016,
    'rep-availability-sync': 7_041_017,
    'lifecycle-stages-sync': 7_041_018,
  },
  tokenRefreshBase: 2 ** 40,
  /** + portal id: one instance runs a portal's backfill at a time. */
  backfillBase: 2 ** 41,
} as const;

export type JobName = keyof typeof LOCK_KEYS.jobs;
