-- Messaging and notifications (SPEC §11): a conversation per proposal, offer, contract
-- and dispute between its two parties; messages with files; read markers and unread
-- counts kept per member; in-app notifications with per-kind email preferences.
CREATE TABLE conversations (
    id             uuid PRIMARY KEY,
    kind           text NOT NULL CHECK (kind IN ('proposal', 'offer', 'contract', 'dispute')),
    -- The proposal, offer, contract or dispute it belongs to.
    subject_id     uuid NOT NULL,
    title          text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
    client_id      uuid NOT NULL REFERENCES users (id),
    freelancer_id  uuid NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    last_message_at timestamptz,
    CONSTRAINT conversations_one_per_subject UNIQUE (kind, subject_id)
);

CREATE TABLE conversation_members (
    conversation_id uuid NOT NULL REFERENCES conversations (id),
    user_id         uuid NOT NULL REFERENCES users (id),
    -- Everything up to here has been read.
    last_read_at    timestamptz,
    -- Messages from others after the read marker (kept with every message and read).
    unread          integer NOT NULL DEFAULT 0 CHECK (unread >= 0),
    -- Sort key of the member's conversation list: the latest message, or the creation.
    activity_at     timestamptz NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_members_inbox_idx ON conversation_members (user_id, activity_at DESC, conversation_id DESC);
CREATE INDEX conversation_members_unread_idx ON conversation_members (user_id) WHERE unread > 0;

CREATE TABLE messages (
    id              uuid PRIMARY KEY,
    conversation_id uuid NOT NULL REFERENCES conversations (id),
    sender_id       uuid NOT NULL REFERENCES users (id),
    body            text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 5000),
    attachment_ids  uuid[] NOT NULL DEFAULT '{}',
    -- Off-platform flags shown to the sender: email, phone, payment_handle.
    warnings        text[] NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL,
    edited_at       timestamptz
);
CREATE INDEX messages_conversation_idx ON messages (conversation_id, created_at DESC, id DESC);
-- The flood limit counts a sender's messages in the last minute.
CREATE INDEX messages_sender_recent_idx ON messages (sender_id, created_at DESC);
-- Who may read a file: the members of a conversation with a message that lists it.
CREATE INDEX messages_attachments_idx ON messages USING gin (attachment_ids) WHERE attachment_ids <> '{}';

-- Existing subjects get their conversations; dispute threads move into theirs.
INSERT INTO conversations (id, kind, subject_id, title, client_id, freelancer_id, created_at)
SELECT gen_random_uuid(), 'proposal', p.id, j.title, j.client_id, p.freelancer_id, p.created_at
FROM proposals p JOIN jobs j ON j.id = p.job_id;
INSERT INTO conversations (id, kind, subject_id, title, client_id, freelancer_id, created_at)
SELECT gen_random_uuid(), 'offer', o.id, o.title, o.client_id, o.freelancer_id, o.created_at FROM offers o;
INSERT INTO conversations (id, kind, subject_id, title, client_id, freelancer_id, created_at)
SELECT gen_random_uuid(), 'contract', c.id, c.title, c.client_id, c.freelancer_id, c.started_at FROM contracts c;
INSERT INTO conversations (id, kind, subject_id, title, client_id, freelancer_id, created_at)
SELECT gen_random_uuid(), 'dispute', d.id, 'Dispute: ' || left(c.title, 280), c.client_id, c.freelancer_id, d.created_at
FROM disputes d JOIN contracts c ON c.id = d.contract_id;
INSERT INTO messages (id, conversation_id, sender_id, body, created_at)
SELECT m.id, cv.id, m.author_id, m.body, m.created_at
FROM dispute_messages m JOIN conversations cv ON cv.kind = 'dispute' AND cv.subject_id = m.dispute_id;
UPDATE conversations cv SET last_message_at = (SELECT max(created_at) FROM messages m WHERE m.conversation_id = cv.id);
INSERT INTO conversation_members (conversation_id, user_id, last_read_at, activity_at)
SELECT id, client_id, now(), coalesce(last_message_at, created_at) FROM conversations
UNION ALL
SELECT id, freelancer_id, now(), coalesce(last_message_at, created_at) FROM conversations;
DROP TABLE dispute_messages;

CREATE TABLE notifications (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id),
    kind       text NOT NULL,
    title      text NOT NULL,
    body       text NOT NULL,
    -- Where the SPA takes the reader, e.g. /contracts/{id}.
    link       text NOT NULL,
    created_at timestamptz NOT NULL,
    read_at    timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- Kinds a user does not want by email (in-app notifications are always kept).
CREATE TABLE notification_email_opt_outs (
    user_id uuid NOT NULL REFERENCES users (id),
    kind    text NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- "Do these two have a contract?" (contact details are screened until they do).
CREATE INDEX contracts_pair_idx ON contracts (client_id, freelancer_id);
