-- Search changes become a log that every server instance reads from its own
-- position, instead of a queue the first instance to apply a change deletes (which
-- left the other instances' indexes without it). Each row carries the id of the
-- transaction that wrote it; an instance reads every row from the oldest
-- transaction still running when it last read (pg_snapshot_xmin), so a change
-- committed late by a long transaction is never skipped. Applying a change twice is
-- harmless: it re-reads the object's current state. Rows older than a day are
-- pruned; an index that was behind the pruned part is rebuilt.
CREATE TABLE search_changes (
    id         bigserial PRIMARY KEY,
    txid       bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    payload    jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_changes_txid_idx ON search_changes (txid, id);
CREATE INDEX search_changes_created_idx ON search_changes (created_at);

INSERT INTO search_changes (payload) SELECT payload FROM outbox WHERE kind = 'search' ORDER BY id;
DELETE FROM outbox WHERE kind = 'search';
DROP INDEX outbox_search_pending_idx;

-- The newest transaction id pruned from the log: an index positioned at or before it
-- has missed changes and is rebuilt.
ALTER TABLE search_epoch ADD COLUMN pruned_txid bigint NOT NULL DEFAULT 0;
