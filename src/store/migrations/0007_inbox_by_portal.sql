-- Workers claim one portal's ready events at a time (a portal's reads and writes share its HubSpot budget).
CREATE INDEX inbox_portal_ready ON inbox (portal_id, available_at, id) WHERE processed_at IS NULL AND dead_at IS NULL;
