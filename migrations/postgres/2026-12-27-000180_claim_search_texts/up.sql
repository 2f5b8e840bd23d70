-- The trigram indexes move off `claims` into a table of their own, written once with each
-- claim. A status change rewrites a claim's row and, because `status` is indexed, adds an
-- entry to every index of `claims` (no update of it is HOT): ~90 GIN keys per change in
-- the organisation's trigram index of 000160 alone, which cut the opt-out window job from
-- ~1,950 to ~1,170 claims a second. The search text never changes after the claim is made,
-- so here its index entries are written once. `claims.search_text` stays, for the lists
-- that test their rows one by one in their own order (see store::search).
-- No claim is written meanwhile (by another instance), so the copy below misses none.
LOCK TABLE claims IN SHARE ROW EXCLUSIVE MODE;
CREATE TABLE claim_search_texts (
  claim_id TEXT PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
  organisation_id TEXT NOT NULL,
  search_text TEXT NOT NULL
);
INSERT INTO claim_search_texts (claim_id, organisation_id, search_text)
  SELECT id, organisation_id, search_text FROM claims;
-- Kept in step by a trigger, like SQLite's trigram index (000100): every way a claim is
-- written (the wizard, the API, `portal seed`, store::search::refold_all) stays one write.
CREATE FUNCTION claim_search_texts_copy() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO claim_search_texts (claim_id, organisation_id, search_text)
    VALUES (NEW.id, NEW.organisation_id, NEW.search_text)
    ON CONFLICT (claim_id) DO UPDATE
      SET organisation_id = EXCLUDED.organisation_id, search_text = EXCLUDED.search_text;
  RETURN NULL;
END
$$;
CREATE TRIGGER claims_search_texts_copy AFTER INSERT OR UPDATE OF search_text, organisation_id
  ON claims FOR EACH ROW EXECUTE FUNCTION claim_search_texts_copy();
DROP INDEX claims_organisation_trigrams;
DROP INDEX claims_search_trigrams;
SET LOCAL maintenance_work_mem = '512MB';
CREATE INDEX claim_search_texts_organisation_trigrams ON claim_search_texts
  USING gin (organisation_trigrams(organisation_id, search_text));
CREATE INDEX claim_search_texts_trigrams ON claim_search_texts
  USING gin (search_text gin_trgm_ops);
ANALYZE claim_search_texts;
