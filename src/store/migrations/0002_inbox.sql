-- Webhook events as HubSpot delivered them, durable before the 200; the worker claims them from here.
CREATE TABLE inbox (
  id bigserial PRIMARY KEY,
  portal_id bigint NOT NULL,
  event_key text NOT NULL,            -- `${subscriptionType}:${objectId}:${eventId}:${occurredAt}`; portal is its own column
  subscription_type text NOT NULL,
  object_id bigint NOT NULL,          -- the contact for contact.* events; the engagement/object for object.* events
  occurred_at timestamptz NOT NULL,
  payload jsonb NOT NULL,             -- the validated event as HubSpot sent it
  received_at timestamptz NOT NULL DEFAULT now(),
  attempts int NOT NULL DEFAULT 0,
  available_at timestamptz NOT NULL DEFAULT now(),
  leased_until timestamptz,
  lease_owner text,
  last_error text,
  dead_at timestamptz,
  processed_at timestamptz,
  UNIQUE (portal_id, event_key)
);
CREATE INDEX inbox_ready ON inbox (available_at) WHERE processed_at IS NULL AND dead_at IS NULL;
CREATE INDEX inbox_contact ON inbox (portal_id, object_id) WHERE processed_at IS NULL AND dead_at IS NULL;

-- Events HubSpot sent that failed validation, with the reason, for someone to look at.
CREATE TABLE rejected_events (id bigserial PRIMARY KEY, portal_id bigint, received_at timestamptz NOT NULL DEFAULT now(), reason text NOT NULL, payload jsonb NOT NULL);
CREATE INDEX rejected_events_portal_received ON rejected_events (portal_id, received_at);
