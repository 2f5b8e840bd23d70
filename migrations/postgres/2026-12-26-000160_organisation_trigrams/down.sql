DROP INDEX claims_search_trigrams;
CREATE INDEX claims_org_search ON claims USING gin (organisation_id, search_text gin_trgm_ops);
DROP INDEX claims_organisation_trigrams;
DROP FUNCTION organisation_trigrams(TEXT, TEXT);
