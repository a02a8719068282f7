-- Sign-in state: browser sessions and API tokens (only hashes of their secrets are kept) and
-- failed sign-ins, which drive the per-account and per-address lockout.

CREATE TABLE sessions (
  session_hash  VARCHAR PRIMARY KEY,        -- sha256 hex of the cookie value
  user_id       VARCHAR NOT NULL,
  csrf_token    VARCHAR NOT NULL,           -- sent back in x-csrf-token on state-changing requests
  created_at    TIMESTAMP NOT NULL,
  last_seen_at  TIMESTAMP NOT NULL,
  expires_at    TIMESTAMP NOT NULL,         -- last_seen_at + idle limit; slides forward with use
  ip            VARCHAR,
  user_agent    VARCHAR
);

CREATE TABLE api_tokens (
  token_id      VARCHAR PRIMARY KEY,
  user_id       VARCHAR NOT NULL,
  name          VARCHAR NOT NULL,
  token_hash    VARCHAR NOT NULL UNIQUE,    -- sha256 hex of the secret
  prefix        VARCHAR NOT NULL,           -- first characters of the secret, to tell tokens apart
  created_at    TIMESTAMP NOT NULL,
  last_used_at  TIMESTAMP,
  revoked_at    TIMESTAMP
);

CREATE TABLE login_failures (
  kind       VARCHAR NOT NULL,              -- account (lower-cased username) or address (client IP)
  subject    VARCHAR NOT NULL,
  failed_at  TIMESTAMP NOT NULL
);
