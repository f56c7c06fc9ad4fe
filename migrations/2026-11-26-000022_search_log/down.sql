ALTER TABLE search_epoch DROP COLUMN pruned_txid;
CREATE INDEX outbox_search_pending_idx ON outbox (id) WHERE kind = 'search' AND delivered_at IS NULL;
INSERT INTO outbox (kind, payload, created_at, available_at)
  SELECT 'search', payload, created_at, created_at FROM search_changes ORDER BY id;
DROP TABLE search_changes;
