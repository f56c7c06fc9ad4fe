-- Payment methods (SPEC §7): only the gateway's token, the brand and the last four
-- digits are kept; never the card number or the CVC.
CREATE TABLE payment_methods (
    id            uuid PRIMARY KEY,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    gateway_token text NOT NULL UNIQUE,
    brand         text NOT NULL,
    last4         char(4) NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
    exp_month     integer NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
    exp_year      integer NOT NULL,
    created_at    timestamptz NOT NULL,
    removed_at    timestamptz
);
CREATE INDEX payment_methods_user_idx ON payment_methods (user_id, created_at DESC) WHERE removed_at IS NULL;

-- Set when a client first adds a verified payment method: the "payment verified" badge.
ALTER TABLE users ADD COLUMN payment_verified_at timestamptz;
