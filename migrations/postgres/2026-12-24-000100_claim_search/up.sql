-- "Contains" search over a claim's name, customer domain and tenant ID through a trigram
-- index. `search_text` holds the three fields folded by the portal (domain::search::fold),
-- one per line; SQL's lower() fills the rows that exist (the portal folds them again after
-- this migration, see store::search). Both extensions are trusted: a database owner may
-- create them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;
ALTER TABLE claims ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE claims SET search_text = lower(name) || chr(10) || lower(customer_domain) || chr(10) || lower(tenant_id);
-- The organisation's claims whose text contains a term of three or more characters (the
-- partner list), and every organisation's (the reviewers' lists): one GIN index, the
-- organisation as a btree_gin column.
CREATE INDEX claims_org_search ON claims USING gin (organisation_id, search_text gin_trgm_ops);
