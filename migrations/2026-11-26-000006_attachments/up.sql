-- Uploaded files live in the attachment store (local disk by default); this table
-- records what each one is and who owns it.
CREATE TABLE attachments (
    id           uuid PRIMARY KEY,
    owner_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose      text NOT NULL CHECK (purpose IN ('profile_photo')),
    content_type text NOT NULL,
    size_bytes   bigint NOT NULL CHECK (size_bytes > 0),
    sha256       bytea NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX attachments_owner_idx ON attachments (owner_id, created_at DESC);

ALTER TABLE freelancer_profiles ADD COLUMN photo_id uuid REFERENCES attachments (id);
