DROP INDEX contracts_pair_idx;
DROP TABLE notification_email_opt_outs;
DROP TABLE notifications;
CREATE TABLE dispute_messages (
    id         uuid PRIMARY KEY,
    dispute_id uuid NOT NULL REFERENCES disputes (id),
    author_id  uuid NOT NULL REFERENCES users (id),
    body       text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 5000),
    created_at timestamptz NOT NULL
);
CREATE INDEX dispute_messages_dispute_idx ON dispute_messages (dispute_id, created_at);
INSERT INTO dispute_messages (id, dispute_id, author_id, body, created_at)
SELECT m.id, cv.subject_id, m.sender_id, m.body, m.created_at
FROM messages m JOIN conversations cv ON cv.id = m.conversation_id AND cv.kind = 'dispute';
DROP TABLE messages;
DROP TABLE conversation_members;
DROP TABLE conversations;
