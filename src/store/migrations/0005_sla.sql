-- First-touch clocks: one per assignment, kept after they end (a contact's latest one is live), so SLA
-- reports count every breach, including those of leads reassigned since.
CREATE TABLE sla_clocks (
  id          bigserial PRIMARY KEY,
  portal_id   bigint NOT NULL,
  contact_id  bigint NOT NULL,
  owner_id    text NOT NULL,
  pool_id     text,
  clock       jsonb NOT NULL,
  state       text NOT NULL,
  due_at      timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX sla_clocks_contact ON sla_clocks (portal_id, contact_id, id);
CREATE INDEX sla_clocks_open ON sla_clocks (portal_id, state) WHERE state IN ('on_track', 'at_risk');

-- Touches on a contact by a rep (calls, emails, meetings, notes): what meets the SLA.
CREATE TABLE sla_touches (
  portal_id   bigint NOT NULL,
  contact_id  bigint NOT NULL,
  touch_key   text NOT NULL,
  owner_id    text NOT NULL,
  kind        text NOT NULL,
  at          timestamptz NOT NULL,
  PRIMARY KEY (portal_id, contact_id, touch_key)
);

-- A lead handed back by the SLA (recycled with its owner cleared) is recorded as released.
ALTER TABLE assignments DROP CONSTRAINT assignments_kind_check;
ALTER TABLE assignments ADD CONSTRAINT assignments_kind_check CHECK (kind IN ('assigned', 'held', 'released'));
