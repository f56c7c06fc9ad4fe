-- Webhooks for integrators (SPEC §14): endpoints subscribed to event types, and the
-- webhook outbox: one delivery row per event and endpoint, written in the same
-- transaction as the event, delivered by the worker with retries for up to 3 days.

CREATE TABLE webhook_endpoints (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    url         text NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    events      text[] NOT NULL CHECK (cardinality(events) >= 1),
    description text,
    -- The HMAC key deliveries are signed with; shown to its owner once.
    secret      text NOT NULL,
    created_at  timestamptz NOT NULL,
    deleted_at  timestamptz
);
CREATE INDEX webhook_endpoints_user_idx ON webhook_endpoints (user_id, created_at DESC) WHERE deleted_at IS NULL;

CREATE TABLE webhook_deliveries (
    id               uuid PRIMARY KEY,
    endpoint_id      uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    -- The event's id: the same on every retry, so receivers can drop duplicates.
    event_id         uuid NOT NULL,
    event_type       text NOT NULL,
    -- The exact JSON sent (and signed), the same bytes on every attempt.
    body             text NOT NULL,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz,
    CONSTRAINT webhook_deliveries_one_per_endpoint UNIQUE (endpoint_id, event_id),
    CONSTRAINT webhook_deliveries_scheduled CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);
