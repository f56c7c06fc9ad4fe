-- Fixed-price delivery (SPEC §8): submissions, approvals with bonus, change
-- requests, automatic release, refund requests; bonuses on any contract.

ALTER TABLE milestones ADD COLUMN submitted_at timestamptz;
ALTER TABLE milestones ADD COLUMN released_at timestamptz;
ALTER TABLE milestones ADD COLUMN refund_requested_at timestamptz;
-- The worker's passes: submissions unanswered for 14 days, refund requests
-- unanswered for 7.
CREATE INDEX milestones_submitted_idx ON milestones (submitted_at) WHERE status = 'submitted';
CREATE INDEX milestones_refund_requested_idx ON milestones (refund_requested_at) WHERE status = 'refund_requested';

-- Each delivery of work on a milestone, and the client's answer to it.
CREATE TABLE milestone_submissions (
    id              uuid PRIMARY KEY,
    milestone_id    uuid NOT NULL REFERENCES milestones (id),
    message         text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 5000),
    attachment_ids  uuid[] NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL,
    -- approved, changes_requested or auto_released; NULL while unanswered.
    outcome         text CHECK (outcome IN ('approved', 'changes_requested', 'auto_released')),
    outcome_message text CHECK (char_length(outcome_message) <= 5000),
    answered_at     timestamptz
);
CREATE INDEX milestone_submissions_milestone_idx ON milestone_submissions (milestone_id, created_at);
CREATE INDEX milestone_submissions_attachments_idx ON milestone_submissions USING gin (attachment_ids);

-- Bonuses: money paid straight to the freelancer, on any contract.
CREATE TABLE contract_bonuses (
    id          uuid PRIMARY KEY,
    contract_id uuid NOT NULL REFERENCES contracts (id),
    milestone_id uuid REFERENCES milestones (id),
    amount      numeric(14, 2) NOT NULL CHECK (amount > 0),
    message     text NOT NULL DEFAULT '' CHECK (char_length(message) <= 2000),
    created_at  timestamptz NOT NULL
);
CREATE INDEX contract_bonuses_contract_idx ON contract_bonuses (contract_id, created_at);
