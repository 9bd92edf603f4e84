-- One row per scheduled job and tick that some instance ran: the first to record a tick runs it, so a job runs
-- once per tick however many workers share the database (an advisory lock alone lets a later instance run it again
-- once the first has finished). Not portal data: a tick covers every portal.
CREATE TABLE job_runs (
  job text NOT NULL,
  tick timestamptz NOT NULL,
  runner text NOT NULL,
  started_at timestamptz NOT NULL,
  PRIMARY KEY (job, tick)
);
