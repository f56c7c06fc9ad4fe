-- Account security: TOTP two-factor authentication with recovery codes, and
-- personal access tokens with scopes for server-to-server use.

-- One authenticator per account. `enabled_at` is NULL while enrolment waits for the
-- first code. Each accepted code's time step is remembered: a step is used once.
CREATE TABLE user_totp (
    user_id        uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret         text NOT NULL,
    created_at     timestamptz NOT NULL,
    enabled_at     timestamptz,
    last_used_step bigint
);

-- Single-use recovery codes, hashed.
CREATE TABLE totp_recovery_codes (
    user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash bytea NOT NULL,
    used_at   timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE personal_access_tokens (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- SHA-256 of the token; the token itself is shown once and never stored.
    token_hash   bytea NOT NULL UNIQUE,
    -- The first characters, so people can tell their tokens apart.
    prefix       text NOT NULL,
    scopes       text[] NOT NULL CHECK (cardinality(scopes) >= 1
                     AND scopes <@ ARRAY['read', 'jobs', 'proposals', 'contracts', 'wallet']),
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    expires_at   timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX personal_access_tokens_user_idx ON personal_access_tokens (user_id, created_at DESC);
