-- Hourly contracts (SPEC §8): time entries in 10-minute segments, weekly invoices
-- charged into escrow, the review window, release; pausing and ending contracts.

CREATE TABLE time_entries (
    id          uuid PRIMARY KEY,
    contract_id uuid NOT NULL REFERENCES contracts (id),
    started_at  timestamptz NOT NULL,
    minutes     integer NOT NULL CHECK (minutes > 0 AND minutes <= 1440 AND minutes % 10 = 0),
    memo        text NOT NULL CHECK (char_length(memo) BETWEEN 1 AND 500),
    -- tracked (by a timer) or manual (typed in, when the contract allows it).
    kind        text NOT NULL CHECK (kind IN ('tracked', 'manual')),
    -- The Monday (UTC) of the week the entry starts in.
    week_start  date NOT NULL,
    invoice_id  uuid,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX time_entries_week_idx ON time_entries (contract_id, week_start, started_at);

CREATE TABLE invoices (
    id              uuid PRIMARY KEY,
    contract_id     uuid NOT NULL REFERENCES contracts (id),
    week_start      date NOT NULL,
    logged_minutes  integer NOT NULL CHECK (logged_minutes >= 0),
    billed_minutes  integer NOT NULL CHECK (billed_minutes >= 0 AND billed_minutes <= logged_minutes),
    hourly_rate     numeric(14, 2) NOT NULL,
    amount          numeric(14, 2) NOT NULL CHECK (amount >= 0),
    -- in_review: charged into escrow, the client may dispute; released; disputed;
    -- refunded; unpaid: the charge failed (retried by the worker).
    status          text NOT NULL CHECK (status IN ('unpaid', 'in_review', 'released', 'disputed', 'refunded')),
    review_until    timestamptz NOT NULL,
    available_at    timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    charged_at      timestamptz,
    released_at     timestamptz,
    UNIQUE (contract_id, week_start)
);
CREATE INDEX invoices_contract_idx ON invoices (contract_id, week_start DESC);
CREATE INDEX invoices_review_idx ON invoices (review_until) WHERE status = 'in_review';
CREATE INDEX invoices_unpaid_idx ON invoices (created_at) WHERE status = 'unpaid';
ALTER TABLE time_entries ADD CONSTRAINT time_entries_invoice_fk FOREIGN KEY (invoice_id) REFERENCES invoices (id);

ALTER TABLE contracts ADD COLUMN paused_at timestamptz;
ALTER TABLE contracts ADD COLUMN ended_by uuid REFERENCES users (id);
ALTER TABLE contracts ADD COLUMN end_reason text CHECK (char_length(end_reason) <= 500);
-- Time the invoicing pass has yet to bill.
CREATE INDEX time_entries_uninvoiced_idx ON time_entries (week_start) WHERE invoice_id IS NULL;
