-- A partner's search reads only its own organisation's part of a trigram index. The GIN
-- index of 000100 keys each trigram once for every organisation, so one organisation's
-- search of a common trigram ("cla") walks the posting lists of every organisation's claims
-- (1,467 pages at a million claims). Here each key is the organisation (8 hex digits of its
-- MD5: a clash only costs a recheck) followed by a trigram of the folded search text;
-- the term's keys are made by the same function (see store::search).
CREATE FUNCTION organisation_trigrams(organisation TEXT, folded TEXT) RETURNS TEXT[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  prefix TEXT := substr(md5(organisation), 1, 8);
  keys TEXT[] := '{}';
BEGIN
  FOR i IN 1 .. length(folded) - 2 LOOP
    keys := keys || (prefix || substr(folded, i, 3));
  END LOOP;
  RETURN keys;
END
$$;
SET LOCAL maintenance_work_mem = '512MB';
CREATE INDEX claims_organisation_trigrams ON claims
  USING gin (organisation_trigrams(organisation_id, search_text));
-- The reviewers' search of every organisation's claims keeps a trigram index without the
-- organisation, which no search now narrows it by.
DROP INDEX claims_org_search;
CREATE INDEX claims_search_trigrams ON claims USING gin (search_text gin_trgm_ops);
