-- Each portal's lifecycle stages as its lifecyclestage property defines them, in its order (displayOrder), as last read.
CREATE TABLE portal_lifecycle_stages (
  portal_id bigint PRIMARY KEY,
  stages jsonb NOT NULL,
  read_at timestamptz NOT NULL
);
