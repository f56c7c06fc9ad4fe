-- Plans (SPEC §13): Basic is free and needs no row; a Plus subscription is a row per
-- person and side, renewed monthly by the worker. A failed renewal lapses to Basic.
CREATE TABLE subscriptions (
    user_id              uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    side                 text NOT NULL CHECK (side IN ('freelancer', 'client')),
    plan                 text NOT NULL CHECK (plan IN ('plus')),
    status               text NOT NULL CHECK (status IN ('active', 'canceled', 'lapsed')),
    -- NULL: paid from the wallet; else the card charged.
    payment_method_id    uuid REFERENCES payment_methods (id) ON DELETE SET NULL,
    started_at           timestamptz NOT NULL,
    current_period_end   timestamptz NOT NULL,
    -- Stays Plus to the end of the paid month, then stops instead of renewing.
    cancel_at_period_end boolean NOT NULL DEFAULT false,
    price                numeric(18, 2) NOT NULL CHECK (price > 0),
    last_error           text,
    updated_at           timestamptz NOT NULL,
    PRIMARY KEY (user_id, side)
);
CREATE INDEX subscriptions_renewal_idx ON subscriptions (current_period_end) WHERE status = 'active';
