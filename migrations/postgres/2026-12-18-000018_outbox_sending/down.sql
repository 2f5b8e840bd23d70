ALTER TABLE outbox DROP COLUMN interrupted_sends;
ALTER TABLE outbox DROP COLUMN sending_since;
