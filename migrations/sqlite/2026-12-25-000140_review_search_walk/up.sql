-- The reviewers' search tests the first rows of each list one by one (store::search): with
-- the search text (and, for all claims, the status) in the index that gives their order,
-- each row is tested from the index alone and read only when it matches.
DROP INDEX claims_waiting;
CREATE INDEX claims_waiting ON claims (submitted_at, id, search_text) WHERE COALESCE(status, status) IN ('submitted', 'disputed');
DROP INDEX claims_updated;
CREATE INDEX claims_updated ON claims (updated_at, id, status, search_text);
-- Their statistics: store::migrate::refresh_statistics, after the migrations.
