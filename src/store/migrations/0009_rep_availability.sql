-- Reps' availability as HubSpot's users object (0-115) says it, per portal and owner, as last read (at install,
-- hourly, and when an admin asks): the raw property values, parsed where they are used, so a reading
-- mistake is fixed by a release rather than by reading HubSpot again.
CREATE TABLE rep_availability (
  portal_id            bigint NOT NULL,
  owner_id             text NOT NULL,
  user_id              bigint NOT NULL,
  availability_status  text,
  working_hours        text,
  out_of_office_hours  text,
  time_zone            text,
  read_at              timestamptz NOT NULL,
  PRIMARY KEY (portal_id, owner_id)
);

-- The latest attempt to read a portal's users: read, or why not (the portal did not grant
-- crm.objects.users.read, HubSpot failed). read_at is the last successful read: while it is null the
-- settings decide reps' availability as they always did.
CREATE TABLE rep_availability_reads (
  portal_id     bigint PRIMARY KEY,
  outcome       text NOT NULL CHECK (outcome IN ('read', 'scope_not_granted', 'failed')),
  detail        text,
  attempted_at  timestamptz NOT NULL,
  read_at       timestamptz,
  users_read    int NOT NULL DEFAULT 0
);
