-- The last write HubSpot refused for a contact because it broke the portal's validation rules: the values sent
-- (the same values are not sent again), what HubSpot said and which properties it named. Cleared once a write lands.
CREATE TABLE write_rejections (
  portal_id       bigint NOT NULL,
  contact_id      bigint NOT NULL,
  properties      jsonb NOT NULL,
  message         text NOT NULL,
  property_names  jsonb NOT NULL DEFAULT '[]',
  rejected_at     timestamptz NOT NULL,
  PRIMARY KEY (portal_id, contact_id)
);
