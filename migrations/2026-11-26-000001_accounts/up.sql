-- Accounts, sessions (refresh-token families), email verification, sign-in throttling.

CREATE TABLE users (
    id                uuid PRIMARY KEY,
    email             text NOT NULL,
    password_hash     text NOT NULL,
    full_name         text NOT NULL,
    country           text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    timezone          text NOT NULL,
    is_client         boolean NOT NULL DEFAULT false,
    is_freelancer     boolean NOT NULL DEFAULT false,
    is_admin          boolean NOT NULL DEFAULT false,
    email_verified_at timestamptz,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_email_normalized CHECK (email = lower(btrim(email))),
    CONSTRAINT users_has_a_role CHECK (is_client OR is_freelancer OR is_admin)
);

-- A session is one refresh-token family: every rotation stays in it, and revoking it
-- ends the refresh tokens and the access tokens issued for it.
CREATE TABLE sessions (
    id            uuid PRIMARY KEY,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL,
    last_used_at  timestamptz NOT NULL,
    revoked_at    timestamptz,
    revoke_reason text,
    ip            text,
    user_agent    text
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE refresh_tokens (
    token_hash bytea PRIMARY KEY,
    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    -- Set when the token has been exchanged; presenting it again is a reuse.
    used_at    timestamptz
);
CREATE INDEX refresh_tokens_session_id_idx ON refresh_tokens (session_id);

CREATE TABLE email_verification_tokens (
    token_hash bytea PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX email_verification_tokens_user_id_idx ON email_verification_tokens (user_id);

-- Failed sign-ins per key ("account:<email>" or "ip:<address>").
CREATE TABLE sign_in_throttles (
    key               text PRIMARY KEY,
    failures          integer NOT NULL DEFAULT 0,
    window_started_at timestamptz,
    locked_until      timestamptz
);
