-- Hiring (SPEC §5, §6): Connects, proposals, invitations, offers and the contracts
-- they become, with their milestones.

-- Connects: a per-freelancer ledger of lines whose sum is the balance, kept with the
-- balance row (locked for every change) so concurrent spends can't overdraw it.
CREATE TABLE connects_accounts (
    user_id       uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    -- balance = granted + the remaining Connects of unexpired purchases.
    balance       integer NOT NULL CHECK (balance >= 0),
    -- Granted (and refunded) Connects left; they roll over up to the cap.
    granted       integer NOT NULL CHECK (granted >= 0),
    plan          text NOT NULL DEFAULT 'basic' CHECK (plan IN ('basic', 'plus')),
    next_grant_at timestamptz NOT NULL,
    created_at    timestamptz NOT NULL,
    CONSTRAINT connects_accounts_granted_within CHECK (granted <= balance)
);
CREATE INDEX connects_accounts_grant_due_idx ON connects_accounts (next_grant_at);

-- Bought Connects, spent oldest first and expiring 12 months after purchase.
CREATE TABLE connects_lots (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    bought       integer NOT NULL CHECK (bought > 0),
    remaining    integer NOT NULL CHECK (remaining >= 0 AND remaining <= bought),
    expires_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX connects_lots_user_idx ON connects_lots (user_id, expires_at) WHERE remaining > 0;
CREATE INDEX connects_lots_expiry_idx ON connects_lots (expires_at) WHERE remaining > 0;

CREATE TABLE connects_lines (
    id            uuid PRIMARY KEY,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind          text NOT NULL CHECK (kind IN ('grant', 'purchase', 'spend', 'refund', 'expiry')),
    amount        integer NOT NULL CHECK (amount <> 0),
    balance_after integer NOT NULL CHECK (balance_after >= 0),
    memo          text NOT NULL,
    job_id        uuid,
    proposal_id   uuid,
    lot_id        uuid REFERENCES connects_lots (id),
    created_at    timestamptz NOT NULL,
    CONSTRAINT connects_lines_sign CHECK ((kind IN ('spend', 'expiry')) = (amount < 0))
);
CREATE INDEX connects_lines_user_idx ON connects_lines (user_id, created_at DESC, id DESC);
CREATE TRIGGER connects_lines_append_only
    BEFORE UPDATE OR DELETE ON connects_lines
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_are_append_only();

CREATE TABLE invitations (
    id             uuid PRIMARY KEY,
    job_id         uuid NOT NULL REFERENCES jobs (id),
    client_id      uuid NOT NULL REFERENCES users (id),
    freelancer_id  uuid NOT NULL REFERENCES users (id),
    message        text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 2000),
    status         text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
    decline_reason text CHECK (char_length(decline_reason) <= 500),
    proposal_id    uuid,
    created_at     timestamptz NOT NULL,
    answered_at    timestamptz,
    CHECK (client_id <> freelancer_id)
);
CREATE UNIQUE INDEX invitations_one_pending ON invitations (job_id, freelancer_id) WHERE status = 'pending';
CREATE INDEX invitations_freelancer_idx ON invitations (freelancer_id, created_at DESC, id DESC);
CREATE INDEX invitations_client_idx ON invitations (client_id, created_at DESC, id DESC);
CREATE INDEX invitations_job_idx ON invitations (job_id, created_at DESC, id DESC);

CREATE TABLE proposals (
    id                 uuid PRIMARY KEY,
    job_id             uuid NOT NULL REFERENCES jobs (id),
    freelancer_id      uuid NOT NULL REFERENCES users (id),
    status             text NOT NULL CHECK (status IN ('submitted', 'shortlisted', 'archived', 'declined', 'withdrawn', 'hired')),
    cover_letter       text NOT NULL CHECK (char_length(cover_letter) BETWEEN 50 AND 5000),
    bid_type           text NOT NULL CHECK (bid_type IN ('fixed', 'hourly')),
    bid_amount         numeric(14, 2) CHECK (bid_amount > 0),
    hourly_rate        numeric(14, 2) CHECK (hourly_rate > 0),
    -- Proposed milestones [{title, amount}], summing to bid_amount (checked on insert).
    milestones         jsonb NOT NULL DEFAULT '[]',
    estimated_duration text NOT NULL CHECK (estimated_duration IN ('less_than_1_month', '1_to_3_months', '3_to_6_months', 'more_than_6_months')),
    answers            text[] NOT NULL DEFAULT '{}',
    attachment_ids     uuid[] NOT NULL DEFAULT '{}',
    connects_spent     integer NOT NULL CHECK (connects_spent >= 0),
    connects_refunded  boolean NOT NULL DEFAULT false,
    invitation_id      uuid REFERENCES invitations (id),
    decline_reason     text CHECK (char_length(decline_reason) <= 500),
    -- Skill overlap with the job and rate fit, 0–100, for the client's "best match".
    match_score        integer NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CONSTRAINT proposals_bid_matches_type CHECK (
        (bid_type = 'fixed' AND bid_amount IS NOT NULL AND hourly_rate IS NULL)
        OR (bid_type = 'hourly' AND hourly_rate IS NOT NULL AND bid_amount IS NULL)
    )
);
-- One active proposal per freelancer per job.
CREATE UNIQUE INDEX proposals_one_active ON proposals (job_id, freelancer_id)
    WHERE status IN ('submitted', 'shortlisted', 'archived', 'hired');
CREATE INDEX proposals_job_idx ON proposals (job_id, created_at DESC, id DESC);
CREATE INDEX proposals_job_status_idx ON proposals (job_id, status);
CREATE INDEX proposals_freelancer_idx ON proposals (freelancer_id, created_at DESC, id DESC);
ALTER TABLE invitations ADD CONSTRAINT invitations_proposal_fk FOREIGN KEY (proposal_id) REFERENCES proposals (id);

CREATE TABLE offers (
    id                  uuid PRIMARY KEY,
    proposal_id         uuid NOT NULL REFERENCES proposals (id),
    job_id              uuid NOT NULL REFERENCES jobs (id),
    client_id           uuid NOT NULL REFERENCES users (id),
    freelancer_id       uuid NOT NULL REFERENCES users (id),
    contract_type       text NOT NULL CHECK (contract_type IN ('fixed', 'hourly')),
    status              text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn', 'expired')),
    title               text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    message             text NOT NULL DEFAULT '' CHECK (char_length(message) <= 5000),
    hourly_rate         numeric(14, 2) CHECK (hourly_rate > 0),
    weekly_limit_hours  integer CHECK (weekly_limit_hours BETWEEN 1 AND 80),
    manual_time_allowed boolean NOT NULL DEFAULT false,
    expires_at          timestamptz NOT NULL,
    decline_reason      text CHECK (char_length(decline_reason) <= 500),
    contract_id         uuid,
    created_at          timestamptz NOT NULL,
    answered_at         timestamptz,
    CONSTRAINT offers_terms_match_type CHECK (
        (contract_type = 'fixed' AND hourly_rate IS NULL AND weekly_limit_hours IS NULL)
        OR (contract_type = 'hourly' AND hourly_rate IS NOT NULL AND weekly_limit_hours IS NOT NULL)
    )
);
-- At most one pending offer per proposal.
CREATE UNIQUE INDEX offers_one_pending ON offers (proposal_id) WHERE status = 'pending';
CREATE INDEX offers_proposal_idx ON offers (proposal_id, created_at DESC);
CREATE INDEX offers_client_idx ON offers (client_id, created_at DESC, id DESC);
CREATE INDEX offers_freelancer_idx ON offers (freelancer_id, created_at DESC, id DESC);
CREATE INDEX offers_expiry_idx ON offers (expires_at) WHERE status = 'pending';

CREATE TABLE contracts (
    id                  uuid PRIMARY KEY,
    offer_id            uuid NOT NULL UNIQUE REFERENCES offers (id),
    proposal_id         uuid NOT NULL REFERENCES proposals (id),
    job_id              uuid NOT NULL REFERENCES jobs (id),
    client_id           uuid NOT NULL REFERENCES users (id),
    freelancer_id       uuid NOT NULL REFERENCES users (id),
    contract_type       text NOT NULL CHECK (contract_type IN ('fixed', 'hourly')),
    title               text NOT NULL,
    status              text NOT NULL CHECK (status IN ('active', 'paused', 'ended')),
    hourly_rate         numeric(14, 2),
    weekly_limit_hours  integer,
    manual_time_allowed boolean NOT NULL DEFAULT false,
    started_at          timestamptz NOT NULL,
    ended_at            timestamptz,
    created_at          timestamptz NOT NULL
);
CREATE INDEX contracts_client_idx ON contracts (client_id, created_at DESC, id DESC);
CREATE INDEX contracts_freelancer_idx ON contracts (freelancer_id, created_at DESC, id DESC);
ALTER TABLE offers ADD CONSTRAINT offers_contract_fk FOREIGN KEY (contract_id) REFERENCES contracts (id);

-- A fixed-price offer's milestones; the same rows become the contract's when it is
-- accepted, so escrow funded for the offer (held per milestone) carries over.
CREATE TABLE milestones (
    id          uuid PRIMARY KEY,
    offer_id    uuid NOT NULL REFERENCES offers (id),
    contract_id uuid REFERENCES contracts (id),
    position    integer NOT NULL CHECK (position >= 0),
    title       text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    amount      numeric(14, 2) NOT NULL CHECK (amount > 0),
    due_date    date,
    status      text NOT NULL CHECK (status IN ('pending', 'funded', 'submitted', 'changes_requested', 'approved', 'refund_requested', 'refunded', 'disputed')),
    funded_at   timestamptz,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX milestones_offer_idx ON milestones (offer_id, position);
CREATE INDEX milestones_contract_idx ON milestones (contract_id, position) WHERE contract_id IS NOT NULL;
