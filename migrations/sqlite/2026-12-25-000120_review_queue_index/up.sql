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
-- Their statistics: store::migrate::refresh_statistics, after the migrations.
