ALTER TABLE contracts DROP COLUMN end_reason;
ALTER TABLE contracts DROP COLUMN ended_by;
ALTER TABLE contracts DROP COLUMN paused_at;
ALTER TABLE time_entries DROP CONSTRAINT time_entries_invoice_fk;
DROP TABLE invoices;
DROP TABLE time_entries;
