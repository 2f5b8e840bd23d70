-- SQLite only (its lists' indexes carry the search text so a walk reads no row it does not
-- keep); PostgreSQL reads each row of an index scan from the table either way.
SELECT 1;
