DROP INDEX claims_org_search;
ALTER TABLE claims DROP COLUMN search_text;
