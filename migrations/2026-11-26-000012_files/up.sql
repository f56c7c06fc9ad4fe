-- General file uploads (proposal attachments now; message attachments later): the
-- name the uploader gave the file, kept for downloads.
ALTER TABLE attachments DROP CONSTRAINT attachments_purpose_check;
ALTER TABLE attachments ADD CONSTRAINT attachments_purpose_check
    CHECK (purpose IN ('profile_photo', 'identity_document', 'file'));
ALTER TABLE attachments ADD COLUMN filename text CHECK (char_length(filename) BETWEEN 1 AND 255);
-- "Who may download this file": the proposals that list it.
CREATE INDEX proposals_attachments_idx ON proposals USING gin (attachment_ids);
