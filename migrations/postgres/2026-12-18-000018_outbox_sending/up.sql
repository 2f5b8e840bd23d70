-- Set just before the dispatcher hands the email to the mail server and cleared with the
-- outcome: a row still marked when its dispatcher is gone may have been delivered.
ALTER TABLE outbox ADD COLUMN sending_since TIMESTAMP;
-- How often a send was cut off that way: the email may have arrived that many times more
-- (always with the same Message-ID).
ALTER TABLE outbox ADD COLUMN interrupted_sends INTEGER NOT NULL DEFAULT 0;
