DROP TABLE contract_bonuses;
DROP TABLE milestone_submissions;
DROP INDEX milestones_refund_requested_idx;
DROP INDEX milestones_submitted_idx;
ALTER TABLE milestones DROP COLUMN refund_requested_at;
ALTER TABLE milestones DROP COLUMN released_at;
ALTER TABLE milestones DROP COLUMN submitted_at;
