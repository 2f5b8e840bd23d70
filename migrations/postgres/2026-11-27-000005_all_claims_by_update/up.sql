-- The reviewer's list of all claims, newest change first: read in index order, stopping
-- after a page, instead of sorting every claim.
CREATE INDEX claims_updated ON claims (updated_at, id);
