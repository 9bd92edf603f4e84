-- Routing state per pool (cursor, weights): the row is locked for each assignment, so two workers in
-- any number of processes never hand out the same turn.
CREATE TABLE pool_states (
  portal_id  bigint NOT NULL,
  pool_id    text NOT NULL,
  state      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, pool_id)
);

-- Per-rep counters for caps and least-loaded routing; assigned_today is counted for assigned_day.
CREATE TABLE rep_states (
  portal_id        bigint NOT NULL,
  owner_id         text NOT NULL,
  assigned_day     date,
  assigned_today   int NOT NULL DEFAULT 0,
  open_leads       int NOT NULL DEFAULT 0,
  last_assigned_at timestamptz,
  PRIMARY KEY (portal_id, owner_id)
);

-- Every routing decision: an assignment (owner) or a hold (nobody available), with its rule and reason.
CREATE TABLE assignments (
  id          bigserial PRIMARY KEY,
  portal_id   bigint NOT NULL,
  contact_id  bigint NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('assigned', 'held')),
  owner_id    text,
  pool_id     text,
  rule_id     text NOT NULL,
  reason      text NOT NULL,
  decided_at  timestamptz NOT NULL
);
CREATE INDEX assignments_contact ON assignments (portal_id, contact_id, id);
CREATE INDEX assignments_held ON assignments (portal_id, pool_id) WHERE kind = 'held';
