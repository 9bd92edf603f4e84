import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../log';
import type { Db } from '../store/db';

export interface JobDefinition {
  name: string;
  /** node-cron expression, seconds optional. */
  schedule: string;
  /** Advisory lock key: one runner per tick across every instance sharing the database. */
  lockKey: number;
  run: (now: Date) => Promise<unknown>;
}

/** Runs a job on its schedule; an instance that finds another one already running this tick skips it. */
export function scheduleJob(job: JobDefinition, db: Db, logger: Logger): ScheduledTask {
  const log = logger.child({ job: job.name });
  return cron.schedule(
    job.schedule,
    async () => {
      try {
        const outcome = await runJobOnce(job, db, new Date());
        if (outcome.acquired) log.debug({ result: outcome.value }, 'job ran');
      } catch (error) {
        log.error({ err: error }, 'job failed');
      }
    },
    { name: job.name, noOverlap: true },
  );
}

export function runJobOnce(job: JobDefinition, db: Db, now: Date) {
  return db.withLock(job.lockKey, () => job.run(now), { wait: false });
}
