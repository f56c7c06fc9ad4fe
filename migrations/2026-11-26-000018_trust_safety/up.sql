-- Trust and safety: suspensions, the audit log, flags, and request rate limits.

-- A suspended user cannot sign in, their tokens stop working, their open jobs leave
-- search and their withdrawals are blocked. Reinstating clears both columns.
ALTER TABLE users
    ADD COLUMN suspended_at      timestamptz,
    ADD COLUMN suspension_reason text,
    ADD CONSTRAINT users_suspension_has_reason
        CHECK ((suspended_at IS NULL) = (suspension_reason IS NULL));
-- The admin console searches people by name or email fragment.
CREATE INDEX users_full_name_trgm_idx ON users USING gin (lower(full_name) gin_trgm_ops);
CREATE INDEX users_email_trgm_idx ON users USING gin (email gin_trgm_ops);
CREATE INDEX users_suspended_idx ON users (suspended_at DESC) WHERE suspended_at IS NOT NULL;
-- Sign-ups per day for the platform figures.
CREATE INDEX users_created_at_idx ON users (created_at);

-- Append-only: sign-ins, money movements, state changes and admin actions.
-- Ids are UUIDv7, so id order is time order.
CREATE TABLE audit_log (
    id          uuid PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    -- No foreign key: the record outlives what it mentions.
    actor_id    uuid,
    actor_kind  text NOT NULL CHECK (actor_kind IN ('user', 'admin', 'token', 'system', 'anonymous')),
    action      text NOT NULL CHECK (length(action) BETWEEN 1 AND 200),
    target_type text,
    target_id   uuid,
    request_id  text,
    ip          text,
    status      smallint,
    details     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id DESC) WHERE actor_id IS NOT NULL;
CREATE INDEX audit_log_target_idx ON audit_log (target_id, id DESC) WHERE target_id IS NOT NULL;
CREATE INDEX audit_log_action_idx ON audit_log (action text_pattern_ops, id DESC);
CREATE INDEX audit_log_request_idx ON audit_log (request_id) WHERE request_id IS NOT NULL;
CREATE INDEX audit_log_ip_idx ON audit_log (ip, id DESC) WHERE ip IS NOT NULL;

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

-- Anyone signed in can flag a job, a profile or a message; admins work the queue.
CREATE TABLE flags (
    id              uuid PRIMARY KEY,
    reporter_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    target_type     text NOT NULL CHECK (target_type IN ('job', 'profile', 'message')),
    target_id       uuid NOT NULL,
    reason          text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'actioned')),
    created_at      timestamptz NOT NULL,
    resolved_at     timestamptz,
    resolved_by     uuid REFERENCES users (id),
    resolution_note text,
    CONSTRAINT flags_resolution CHECK ((status = 'open') = (resolved_at IS NULL))
);
-- One open flag per reporter and target: flagging again is answered with the first.
CREATE UNIQUE INDEX flags_one_open_per_reporter_idx
    ON flags (reporter_id, target_type, target_id) WHERE status = 'open';
CREATE INDEX flags_queue_idx ON flags (status, created_at, id);
CREATE INDEX flags_target_idx ON flags (target_type, target_id);

-- Fixed-window request counters shared by every instance ("<limit>:<subject>").
CREATE TABLE rate_limit_hits (
    key          text NOT NULL,
    window_start timestamptz NOT NULL,
    hits         integer NOT NULL,
    PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limit_hits_window_idx ON rate_limit_hits (window_start);
