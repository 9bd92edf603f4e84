-- A publish-rescore's progress, so whichever instance is asked can report the one another instance runs.
CREATE TABLE rescores (
  portal_id     bigint PRIMARY KEY,
  state         text NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  version       int NOT NULL,
  done          int NOT NULL DEFAULT 0,
  total         int NOT NULL DEFAULT 0,
  started_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  finished_at   timestamptz,
  last_error    text
);

-- HubSpot call outcomes per portal and hour, added up by every instance: the API success rate and the last 429.
CREATE TABLE hubspot_call_hours (
  portal_id             bigint NOT NULL,
  hour                  timestamptz NOT NULL,
  ok                    int NOT NULL DEFAULT 0,
  failed                int NOT NULL DEFAULT 0,
  rate_limited          int NOT NULL DEFAULT 0,
  last_rate_limited_at  timestamptz,
  PRIMARY KEY (portal_id, hour)
);

-- The operator API reads each portal's last webhook and lists and replays its dead letters.
CREATE INDEX inbox_portal_received ON inbox (portal_id, received_at);
CREATE INDEX inbox_dead_letters ON inbox (portal_id, id) WHERE dead_at IS NOT NULL;
