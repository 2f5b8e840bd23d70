-- The reviewers' queue: the claims waiting for staff (submitted or disputed) in the order
-- they wait, read as one index range in one query. The condition is written exactly as the
-- queue's query writes it (literal values), so the planner knows the index covers it.
CREATE INDEX claims_waiting ON claims (submitted_at, id) WHERE status IN ('submitted', 'disputed');
