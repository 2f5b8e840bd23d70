DROP TABLE opt_out_reminders;
ALTER TABLE opt_out_tokens DROP COLUMN view_expires_at;
ALTER TABLE opt_out_tokens DROP COLUMN sent_to;
