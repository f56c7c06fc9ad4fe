-- Every email and webhook is written here in the same transaction as its cause and
-- delivered by the background worker, which claims rows with FOR UPDATE SKIP LOCKED.
CREATE TABLE outbox (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('email')),
    payload      jsonb NOT NULL,
    created_at   timestamptz NOT NULL,
    available_at timestamptz NOT NULL,
    attempts     integer NOT NULL DEFAULT 0,
    delivered_at timestamptz,
    last_error   text
);
CREATE INDEX outbox_due_idx ON outbox (available_at, id) WHERE delivered_at IS NULL;

-- The development mail sink: what the outbox "sends" when no real transport is set.
CREATE TABLE dev_mailbox (
    id         uuid PRIMARY KEY,
    to_address text NOT NULL,
    subject    text NOT NULL,
    text_body  text NOT NULL,
    created_at timestamptz NOT NULL,
    outbox_id  bigint NOT NULL UNIQUE REFERENCES outbox (id)
);
CREATE INDEX dev_mailbox_to_idx ON dev_mailbox (to_address, created_at DESC, id DESC);
CREATE INDEX dev_mailbox_created_idx ON dev_mailbox (created_at DESC, id DESC);
