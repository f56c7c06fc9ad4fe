-- Wallet, withdrawals, identity verification and idempotency (SPEC §7, §1).

-- Every money-moving POST may carry an Idempotency-Key: the first response is kept
-- (with a hash of the request) and returned to retries for 24 hours.
CREATE TABLE idempotency_keys (
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key             text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 255),
    request_hash    bytea NOT NULL,
    status          text NOT NULL CHECK (status IN ('in_progress', 'done')),
    response_status integer,
    response_body   jsonb,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);

-- Escrow accounts belong to what they hold money for (a milestone, an invoice); the
-- client who funded them is recorded for the wallet's escrow figure.
ALTER TABLE ledger_accounts ADD COLUMN party_id uuid REFERENCES users (id);
CREATE INDEX ledger_accounts_party_idx ON ledger_accounts (party_id) WHERE party_id IS NOT NULL;
-- A user's history: their accounts' entries, newest first.
CREATE INDEX ledger_entries_account_time_idx ON ledger_entries (account_id, created_at DESC, id DESC);
CREATE INDEX ledger_transactions_kind_idx ON ledger_transactions (kind, created_at);

-- Released money in its security period; the worker moves it to available when due.
CREATE TABLE pending_releases (
    id            uuid PRIMARY KEY,
    freelancer_id uuid NOT NULL REFERENCES users (id),
    amount        numeric(18, 2) NOT NULL CHECK (amount > 0),
    currency      char(3) NOT NULL,
    subject_id    uuid,
    available_at  timestamptz NOT NULL,
    moved_at      timestamptz,
    created_at    timestamptz NOT NULL
);
CREATE INDEX pending_releases_due_idx ON pending_releases (available_at) WHERE moved_at IS NULL;

-- Where freelancers withdraw to (the sandbox bank account); usable 3 days after adding.
CREATE TABLE withdrawal_methods (
    id             uuid PRIMARY KEY,
    user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    gateway_token  text NOT NULL UNIQUE,
    account_holder text NOT NULL CHECK (char_length(account_holder) BETWEEN 1 AND 100),
    bank_last4     char(4) NOT NULL CHECK (bank_last4 ~ '^[0-9]{4}$'),
    usable_from    timestamptz NOT NULL,
    created_at     timestamptz NOT NULL,
    removed_at     timestamptz
);
CREATE INDEX withdrawal_methods_user_idx ON withdrawal_methods (user_id, created_at DESC) WHERE removed_at IS NULL;

CREATE TABLE withdrawals (
    id                    uuid PRIMARY KEY,
    user_id               uuid NOT NULL REFERENCES users (id),
    withdrawal_method_id  uuid NOT NULL REFERENCES withdrawal_methods (id),
    amount                numeric(18, 2) NOT NULL CHECK (amount > 0),
    fee                   numeric(18, 2) NOT NULL CHECK (fee >= 0 AND fee < amount),
    currency              char(3) NOT NULL,
    status                text NOT NULL CHECK (status IN ('processing', 'paid', 'returned')),
    created_at            timestamptz NOT NULL,
    settled_at            timestamptz
);
CREATE INDEX withdrawals_user_idx ON withdrawals (user_id, created_at DESC, id DESC);
CREATE INDEX withdrawals_processing_idx ON withdrawals (created_at) WHERE status = 'processing';

-- Identity verification: a document an admin approves or rejects.
ALTER TABLE attachments DROP CONSTRAINT attachments_purpose_check;
ALTER TABLE attachments ADD CONSTRAINT attachments_purpose_check CHECK (purpose IN ('profile_photo', 'identity_document'));
CREATE TABLE identity_documents (
    id            uuid PRIMARY KEY,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    attachment_id uuid NOT NULL REFERENCES attachments (id),
    status        text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    reason        text CHECK (char_length(reason) <= 500),
    reviewed_by   uuid REFERENCES users (id),
    reviewed_at   timestamptz,
    created_at    timestamptz NOT NULL
);
CREATE INDEX identity_documents_user_idx ON identity_documents (user_id, created_at DESC);
CREATE INDEX identity_documents_queue_idx ON identity_documents (created_at, id) WHERE status = 'pending';
ALTER TABLE users ADD COLUMN identity_verified_at timestamptz;
