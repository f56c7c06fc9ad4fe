DROP TABLE search_epoch;
DROP INDEX outbox_search_pending_idx;
DELETE FROM outbox WHERE kind = 'search';
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('email'));
