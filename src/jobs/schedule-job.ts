import cron from 'node-cron';
import { INSTANCE_ID } from '../instance-id';
import type { Logger } from '../log';
import type { Db, LockResult } from '../store/db';
import { claimJobTick } from '../store/job-runs';

export interface JobDefinition {
  name: string;
  /** node-cron expression, seconds optional. */
  schedule: string;
  /** Advisory lock key: one runner at a time across every instance sharing the database. */
  lockKey: number;
  run: (now: Date) => Promise<unknown>;
}

export interface ScheduledJob {
  /** No further ticks; resolves when the run in hand (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Runs a job on its schedule, once per tick across every instance sharing the database: the instance that records
 * the tick first runs it (under the job's lock, so a long run never overlaps the next tick's); the others skip it.
 */
export function scheduleJob(job: JobDefinition, db: Db, logger: Logger): ScheduledJob {
  const log = logger.child({ job: job.name });
  let inHand: Promise<void> | undefined;
  const tick = async (scheduled: Date) => {
    try {
      const outcome = await runJobTick(job, db, scheduled, new Date());
      if (outcome.acquired) log.info({ tick: scheduled.toISOString(), runner: INSTANCE_ID, result: outcome.value }, 'job ran');
    } catch (error) {
      log.error({ err: error, tick: scheduled.toISOString() }, 'job failed');
    }
  };
  const task = cron.schedule(
    job.schedule,
    (context) => {
      inHand = tick(context.date).finally(() => (inHand = undefined));
      return inHand;
    },
    { name: job.name, noOverlap: true },
  );
  return {
    async stop() {
      await task.stop();
      await inHand;
    },
  };
}

/** The tick a cron run was scheduled for, to the second: every instance's run of one tick names the same one. */
const toSecond = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

/** Runs `job` for the tick scheduled at `scheduled` unless another instance has it (or had it) already. */
export async function runJobTick(job: JobDefinition, db: Db, scheduled: Date, now: Date): Promise<LockResult<unknown>> {
  const outcome = await db.withLock(
    job.lockKey,
    async (conn) => ((await claimJobTick(conn, job.name, toSecond(scheduled), INSTANCE_ID, now)) ? { value: await job.run(now) } : undefined),
    { wait: false },
  );
  return outcome.acquired && outcome.value ? { acquired: true, value: outcome.value.value } : { acquired: false };
}

export function runJobOnce(job: JobDefinition, db: Db, now: Date) {
  return db.withLock(job.lockKey, () => job.run(now), { wait: false });
}
