-- Disputes (SPEC §9): opening one freezes a milestone's or an invoice's escrow; the
-- other party responds within its window or the opener's request is granted; an
-- admin mediates and resolves with a split that adds up to the disputed amount.
CREATE TABLE disputes (
    id                uuid PRIMARY KEY,
    contract_id       uuid NOT NULL REFERENCES contracts (id),
    milestone_id      uuid REFERENCES milestones (id),
    invoice_id        uuid REFERENCES invoices (id),
    opened_by         uuid NOT NULL REFERENCES users (id),
    opener_role       text NOT NULL CHECK (opener_role IN ('client', 'freelancer')),
    -- What the milestone or invoice was before the dispute froze it.
    subject_status    text NOT NULL,
    reason            text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 5000),
    amount            numeric(14, 2) NOT NULL CHECK (amount > 0),
    requested_refund  numeric(14, 2) NOT NULL CHECK (requested_refund >= 0 AND requested_refund <= amount),
    status            text NOT NULL CHECK (status IN ('open', 'awaiting_response', 'in_mediation', 'resolved')),
    respond_by        timestamptz NOT NULL,
    response_message  text CHECK (char_length(response_message) <= 5000),
    responded_at      timestamptz,
    -- accepted (by the other party), lapsed (no answer in time), decided (by an admin)
    outcome           text CHECK (outcome IN ('accepted', 'lapsed', 'decided')),
    release_amount    numeric(14, 2),
    refund_amount     numeric(14, 2),
    resolution_note   text CHECK (char_length(resolution_note) <= 5000),
    resolved_by       uuid REFERENCES users (id),
    resolved_at       timestamptz,
    created_at        timestamptz NOT NULL,
    CONSTRAINT disputes_one_subject CHECK ((milestone_id IS NULL) <> (invoice_id IS NULL)),
    CONSTRAINT disputes_split_adds_up CHECK (
        status <> 'resolved' OR (release_amount >= 0 AND refund_amount >= 0 AND release_amount + refund_amount = amount)
    )
);
CREATE UNIQUE INDEX disputes_one_open_per_milestone ON disputes (milestone_id) WHERE status <> 'resolved' AND milestone_id IS NOT NULL;
CREATE UNIQUE INDEX disputes_one_open_per_invoice ON disputes (invoice_id) WHERE status <> 'resolved' AND invoice_id IS NOT NULL;
CREATE INDEX disputes_contract_idx ON disputes (contract_id, created_at DESC);
CREATE INDEX disputes_queue_idx ON disputes (status, created_at);
CREATE INDEX disputes_lapse_idx ON disputes (respond_by) WHERE status = 'awaiting_response';

CREATE TABLE dispute_messages (
    id         uuid PRIMARY KEY,
    dispute_id uuid NOT NULL REFERENCES disputes (id),
    author_id  uuid NOT NULL REFERENCES users (id),
    body       text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 5000),
    created_at timestamptz NOT NULL
);
CREATE INDEX dispute_messages_dispute_idx ON dispute_messages (dispute_id, created_at);
