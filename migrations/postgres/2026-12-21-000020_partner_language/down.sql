ALTER TABLE claims DROP COLUMN partner_language;
