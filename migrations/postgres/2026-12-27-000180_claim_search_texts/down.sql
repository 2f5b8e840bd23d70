DROP TRIGGER claims_search_texts_copy ON claims;
DROP FUNCTION claim_search_texts_copy();
DROP TABLE claim_search_texts;
SET LOCAL maintenance_work_mem = '512MB';
CREATE INDEX claims_organisation_trigrams ON claims
  USING gin (organisation_trigrams(organisation_id, search_text));
CREATE INDEX claims_search_trigrams ON claims USING gin (search_text gin_trgm_ops);
