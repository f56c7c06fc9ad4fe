-- The double-entry ledger (SPEC §7). Every money movement is one transaction whose
-- entries sum to zero per currency; entries are never changed or removed; accounts
-- that hold someone's money never go below zero.

CREATE TABLE ledger_accounts (
    id             uuid PRIMARY KEY,
    -- client_funding, contract_escrow, freelancer_pending, freelancer_available,
    -- platform_fees, gateway_clearing, payouts
    kind           text NOT NULL CHECK (kind IN ('client_funding', 'contract_escrow', 'freelancer_pending',
                                                 'freelancer_available', 'platform_fees', 'gateway_clearing', 'payouts')),
    -- The user (or escrow subject: milestone / invoice) the account belongs to;
    -- NULL for the platform's own accounts.
    owner_id       uuid,
    currency       char(3) NOT NULL CHECK (currency = 'USD'),
    -- Only the platform's clearing and payout accounts mirror the outside world and
    -- may go negative.
    allow_negative boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL
);
CREATE UNIQUE INDEX ledger_accounts_owner_key ON ledger_accounts (kind, owner_id, currency) WHERE owner_id IS NOT NULL;
CREATE UNIQUE INDEX ledger_accounts_platform_key ON ledger_accounts (kind, currency) WHERE owner_id IS NULL;

-- The running balance per account, updated in the same transaction as its entries
-- (and so under the account's row lock).
CREATE TABLE ledger_balances (
    account_id     uuid PRIMARY KEY REFERENCES ledger_accounts (id),
    balance        numeric(18, 2) NOT NULL DEFAULT 0,
    allow_negative boolean NOT NULL,
    CONSTRAINT ledger_balances_not_negative CHECK (allow_negative OR balance >= 0)
);

CREATE TABLE ledger_transactions (
    id          uuid PRIMARY KEY,
    -- What moved the money: deposit, fund_escrow, release, refund, fee, withdrawal, ...
    kind        text NOT NULL,
    -- The object it concerns (a milestone, an invoice, a withdrawal), for statements.
    subject_id  uuid,
    memo        text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL
);
CREATE INDEX ledger_transactions_subject_idx ON ledger_transactions (subject_id) WHERE subject_id IS NOT NULL;

CREATE TABLE ledger_entries (
    id             bigserial PRIMARY KEY,
    transaction_id uuid NOT NULL REFERENCES ledger_transactions (id),
    account_id     uuid NOT NULL REFERENCES ledger_accounts (id),
    amount         numeric(18, 2) NOT NULL CHECK (amount <> 0),
    currency       char(3) NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE INDEX ledger_entries_transaction_idx ON ledger_entries (transaction_id);
CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_id, id);

-- Entries are append-only.
CREATE FUNCTION ledger_entries_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are append-only (% refused)', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER ledger_entries_append_only
    BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_are_append_only();
CREATE TRIGGER ledger_transactions_append_only
    BEFORE UPDATE OR DELETE ON ledger_transactions
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_are_append_only();

-- Each transaction balances per currency, checked when the database transaction
-- commits (so its entries can be inserted one by one).
CREATE FUNCTION ledger_transaction_balances() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unbalanced record;
BEGIN
    SELECT currency, sum(amount) AS total INTO unbalanced
    FROM ledger_entries
    WHERE transaction_id = NEW.transaction_id
    GROUP BY currency
    HAVING sum(amount) <> 0
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger transaction % does not balance: % % left over',
            NEW.transaction_id, unbalanced.total, unbalanced.currency
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER ledger_entries_balance
    AFTER INSERT ON ledger_entries
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balances();
