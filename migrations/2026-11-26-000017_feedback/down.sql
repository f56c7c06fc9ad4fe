ALTER TABLE freelancer_profiles DROP COLUMN badges, DROP COLUMN earned_total, DROP COLUMN earned_12m,
    DROP COLUMN reviews, DROP COLUMN rating, DROP COLUMN jss;
DROP INDEX contracts_feedback_due_idx;
ALTER TABLE contracts DROP COLUMN paid_total, DROP COLUMN feedback_revealed_at;
DROP TABLE contract_feedback;
