-- HubSpot owners of each portal, synced from the owners API: names on the cards and the settings page,
-- and who has been deactivated (archived owners are never given a lead).
CREATE TABLE owners (
  portal_id   bigint NOT NULL,
  owner_id    text NOT NULL,
  user_id     bigint,
  email       text,
  first_name  text,
  last_name   text,
  teams       jsonb NOT NULL DEFAULT '[]',
  archived    boolean NOT NULL DEFAULT false,
  synced_at   timestamptz NOT NULL,
  PRIMARY KEY (portal_id, owner_id)
);

-- Tasks the app creates in HubSpot (SLA reminders and escalations, hold-queue alerts). A task is queued in
-- the transaction that decides it, once per dedupe key, and sent after the commit with retries.
CREATE TABLE task_outbox (
  id               bigserial PRIMARY KEY,
  portal_id        bigint NOT NULL,
  contact_id       bigint NOT NULL,
  dedupe_key       text NOT NULL,
  owner_id         text NOT NULL,
  subject          text NOT NULL,
  body             text NOT NULL,
  due_at           timestamptz NOT NULL,
  created_at       timestamptz NOT NULL,
  attempts         int NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  sent_at          timestamptz,
  task_id          text,
  last_error       text,
  UNIQUE (portal_id, dedupe_key)
);
CREATE INDEX task_outbox_due ON task_outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Rep counters for caps and least-loaded routing are derived from the assignments themselves (open leads,
-- assignments in the rep's local day), so they can never drift from what was actually handed out.
DROP TABLE rep_states;
CREATE INDEX assignments_owner ON assignments (portal_id, owner_id, decided_at) WHERE kind = 'assigned';
-- The lead's priority as its routing rule set it: it picks the SLA policy, and a manual reassignment keeps it.
ALTER TABLE assignments ADD COLUMN priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('high', 'normal', 'low'));
CREATE INDEX contacts_sales_ready ON contacts (portal_id) WHERE status = 'sql';

-- A rep's own "away" switch from the routing card: no new leads until they switch it off (beside the admin's
-- availability settings, which stay as they are).
CREATE TABLE rep_presence (
  portal_id   bigint NOT NULL,
  owner_id    text NOT NULL,
  away        boolean NOT NULL,
  updated_at  timestamptz NOT NULL,
  updated_by  text NOT NULL,
  PRIMARY KEY (portal_id, owner_id)
);
