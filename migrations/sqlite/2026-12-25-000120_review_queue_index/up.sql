-- The reviewers' queue: the claims waiting for staff (submitted or disputed) in the order
-- they wait, read as one index range in one query. The condition is written exactly as the
-- queue's query writes it (literal values), so the planner knows the index covers it; the
-- COALESCE (which changes nothing) keeps the (status, submitted_at) index from serving it
-- instead (two ranges of every waiting claim, sorted: SQLite 3.50 preferred that).
CREATE INDEX claims_waiting ON claims (submitted_at, id) WHERE COALESCE(status, status) IN ('submitted', 'disputed');
-- The queue's competing-claims marker: the open claims of the page's tenants in the
-- programmes of its claims, found in this index alone (it serves a tenant's claims as the
-- plain tenant index did, which it replaces).
DROP INDEX claims_tenant;
CREATE INDEX claims_tenant_status ON claims (tenant_id, status, programme, id);
-- Statistics for the two new indexes (a database analysed before would otherwise plan
-- without them and may prefer the older (status, submitted_at) index and sort).
ANALYZE claims_waiting;
ANALYZE claims_tenant_status;
