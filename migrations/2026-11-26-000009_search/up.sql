-- Search (SPEC §4) is served by an embedded index that PostgreSQL feeds: every change
-- to something searchable writes a 'search' outbox row in the same transaction, and
-- the indexer applies and deletes those rows. PostgreSQL stays the source of truth.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('email', 'search'));
CREATE INDEX outbox_search_pending_idx ON outbox (id) WHERE kind = 'search' AND delivered_at IS NULL;

-- Identifies this database's contents to the index: an index built from another
-- database (or before a reset) carries another epoch and is rebuilt.
CREATE TABLE search_epoch (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    epoch     uuid NOT NULL
);
INSERT INTO search_epoch (epoch) VALUES (gen_random_uuid());
