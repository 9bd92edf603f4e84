-- Per-portal settings (scoring model, write-back), versioned; the newest published version is live.
CREATE TABLE settings_versions (
  portal_id     bigint NOT NULL,
  version       int NOT NULL,
  settings      jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL,
  published_at  timestamptz,
  published_by  text,
  note          text,
  PRIMARY KEY (portal_id, version)
);

-- What the app knows of each contact: tracked properties (fit inputs, counters), score, status,
-- and what it last wrote to HubSpot (so only changes are written).
CREATE TABLE contacts (
  portal_id          bigint NOT NULL,
  contact_id         bigint NOT NULL,
  facts              jsonb NOT NULL DEFAULT '{}',
  facts_loaded       boolean NOT NULL DEFAULT false,
  status             text NOT NULL DEFAULT 'new',
  status_since       timestamptz,
  score              int NOT NULL DEFAULT 0,
  fit_score          int NOT NULL DEFAULT 0,
  engagement_score   int NOT NULL DEFAULT 0,
  grade              text NOT NULL DEFAULT 'D',
  reasons            text NOT NULL DEFAULT '',
  settings_version   int NOT NULL DEFAULT 0,
  scored_at          timestamptz,
  written            jsonb NOT NULL DEFAULT '{}',
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, contact_id)
);
CREATE INDEX contacts_scored_at ON contacts (portal_id, scored_at);

-- The history: every activity a contact did, once (key is stable across HubSpot retries and replays).
CREATE TABLE activities (
  portal_id    bigint NOT NULL,
  contact_id   bigint NOT NULL,
  activity_key text NOT NULL,
  type         text NOT NULL,
  occurred_at  timestamptz NOT NULL,
  detail       jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (portal_id, contact_id, activity_key)
);

-- Points each activity earns under the live model: one row per (contact, source activity, rule).
CREATE TABLE score_ledger (
  portal_id    bigint NOT NULL,
  contact_id   bigint NOT NULL,
  source_key   text NOT NULL,
  rule_id      text NOT NULL,
  points       double precision NOT NULL,
  occurred_at  timestamptz NOT NULL,
  PRIMARY KEY (portal_id, contact_id, source_key, rule_id)
);

-- Reps' decisions on a lead (accept as SQL, recycle, disqualify, reopen).
CREATE TABLE lead_decisions (
  id          bigserial PRIMARY KEY,
  portal_id   bigint NOT NULL,
  contact_id  bigint NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('accept', 'recycle', 'disqualify', 'reopen')),
  decided_at  timestamptz NOT NULL,
  decided_by  text NOT NULL,
  reason      text
);
CREATE INDEX lead_decisions_contact ON lead_decisions (portal_id, contact_id, decided_at);

-- Every visible status change, with its reason.
CREATE TABLE status_transitions (
  id           bigserial PRIMARY KEY,
  portal_id    bigint NOT NULL,
  contact_id   bigint NOT NULL,
  from_status  text NOT NULL,
  to_status    text NOT NULL,
  at           timestamptz NOT NULL,
  reason       text NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_transitions_contact ON status_transitions (portal_id, contact_id, id);

-- Latest desired HubSpot property values per contact, coalesced; the writer flushes them in batches.
CREATE TABLE outbox (
  portal_id     bigint NOT NULL,
  contact_id    bigint NOT NULL,
  properties    jsonb NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  attempts      int NOT NULL DEFAULT 0,
  available_at  timestamptz NOT NULL DEFAULT now(),
  last_error    text,
  PRIMARY KEY (portal_id, contact_id)
);
CREATE INDEX outbox_ready ON outbox (portal_id, available_at);

-- Backfill of a portal's existing contacts: resumable cursor and progress.
CREATE TABLE backfills (
  portal_id     bigint PRIMARY KEY,
  state         text NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  cursor        text,
  done          int NOT NULL DEFAULT 0,
  total         int,
  started_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  last_error    text
);
