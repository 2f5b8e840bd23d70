-- PostgreSQL only: SQLite's trigram index is already read by organisation (rowid ranges,
-- see 000100).
SELECT 1;
