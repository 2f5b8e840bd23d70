-- The language a user chose for their pages and emails; NULL: their browser's.
ALTER TABLE users ADD COLUMN language TEXT;
