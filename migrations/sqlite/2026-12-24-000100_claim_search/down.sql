DROP TRIGGER claims_search_delete;
DROP TRIGGER claims_search_update;
DROP TRIGGER claims_search_insert;
DROP TABLE claims_search_keys;
DROP TABLE search_organisations;
DROP TABLE claims_search;
DROP INDEX claims_org_updated;
CREATE INDEX claims_org_updated ON claims (organisation_id, updated_at, id);
ALTER TABLE claims DROP COLUMN search_text;
