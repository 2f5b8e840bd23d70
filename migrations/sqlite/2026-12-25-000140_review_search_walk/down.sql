DROP INDEX claims_updated;
CREATE INDEX claims_updated ON claims (updated_at, id);
DROP INDEX claims_waiting;
CREATE INDEX claims_waiting ON claims (submitted_at, id) WHERE COALESCE(status, status) IN ('submitted', 'disputed');
