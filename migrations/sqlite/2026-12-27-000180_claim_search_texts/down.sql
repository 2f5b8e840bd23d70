-- PostgreSQL only: SQLite's trigram index (000100) is already a table of its own.
SELECT 1;
