-- Feedback (SPEC §10) and the reputation derived from it (SPEC §2).
CREATE TABLE contract_feedback (
    contract_id   uuid NOT NULL REFERENCES contracts (id),
    author_id     uuid NOT NULL REFERENCES users (id),
    -- The other party: who the feedback is about.
    subject_id    uuid NOT NULL REFERENCES users (id),
    author_role   text NOT NULL CHECK (author_role IN ('client', 'freelancer')),
    rating        smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment       text NOT NULL CHECK (char_length(comment) BETWEEN 1 AND 5000),
    -- For the platform only (Job Success Score); never shown to anyone.
    private_score smallint NOT NULL CHECK (private_score BETWEEN 0 AND 10),
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (contract_id, author_id)
);
CREATE INDEX contract_feedback_subject_idx ON contract_feedback (subject_id, created_at DESC);

-- Double-blind: nothing shows until both wrote or the window closed (then this is set,
-- with what the contract paid, which decides whether its feedback is public).
ALTER TABLE contracts ADD COLUMN feedback_revealed_at timestamptz;
ALTER TABLE contracts ADD COLUMN paid_total numeric(14, 2);
CREATE INDEX contracts_feedback_due_idx ON contracts (ended_at) WHERE ended_at IS NOT NULL AND feedback_revealed_at IS NULL;

-- A freelancer's reputation, recomputed whenever its inputs change.
ALTER TABLE freelancer_profiles ADD COLUMN jss smallint CHECK (jss BETWEEN 0 AND 100);
ALTER TABLE freelancer_profiles ADD COLUMN rating numeric(3, 2);
ALTER TABLE freelancer_profiles ADD COLUMN reviews integer NOT NULL DEFAULT 0;
ALTER TABLE freelancer_profiles ADD COLUMN earned_12m numeric(14, 2) NOT NULL DEFAULT 0;
ALTER TABLE freelancer_profiles ADD COLUMN earned_total numeric(14, 2) NOT NULL DEFAULT 0;
ALTER TABLE freelancer_profiles ADD COLUMN badges text[] NOT NULL DEFAULT '{}';
