DROP TABLE dev_mailbox;
DROP TABLE outbox;
