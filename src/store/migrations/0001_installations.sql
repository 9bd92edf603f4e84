-- One row per HubSpot portal that installed the app. Tokens are AES-256-GCM ciphertexts.
CREATE TABLE installations (
  portal_id               bigint PRIMARY KEY,
  status                  text NOT NULL CHECK (status IN ('active', 'uninstalled')),
  hub_domain              text,
  scopes                  text[] NOT NULL DEFAULT '{}',
  access_token_enc        text NOT NULL,
  refresh_token_enc       text NOT NULL,
  access_token_expires_at timestamptz NOT NULL,
  installed_by_user_id    bigint,
  installed_by_email      text,
  installed_at            timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  uninstalled_at          timestamptz,
  uninstall_reason        text
);
CREATE INDEX installations_uninstalled_at ON installations (uninstalled_at) WHERE status = 'uninstalled';

-- OAuth `state` values handed out by /oauth/install: stored as SHA-256 hashes, single use, expiring.
CREATE TABLE oauth_states (
  state_hash  text PRIMARY KEY,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX oauth_states_expires_at ON oauth_states (expires_at);

-- Who did what to a portal's configuration or leads, and why.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  portal_id   bigint NOT NULL,
  actor       text NOT NULL,
  action      text NOT NULL,
  detail      jsonb NOT NULL DEFAULT '{}',
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_portal_at ON audit_log (portal_id, at);
