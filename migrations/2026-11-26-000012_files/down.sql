DROP INDEX proposals_attachments_idx;
ALTER TABLE attachments DROP COLUMN filename;
DELETE FROM attachments WHERE purpose = 'file';
ALTER TABLE attachments DROP CONSTRAINT attachments_purpose_check;
ALTER TABLE attachments ADD CONSTRAINT attachments_purpose_check CHECK (purpose IN ('profile_photo', 'identity_document'));
