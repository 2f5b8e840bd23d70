DROP TRIGGER claims_search_delete;
DROP TRIGGER claims_search_update;
DROP TRIGGER claims_search_insert;
DROP TABLE claims_search;
ALTER TABLE claims DROP COLUMN search_text;
