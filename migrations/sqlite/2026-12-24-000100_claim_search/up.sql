-- "Contains" search over a claim's name, customer domain and tenant ID through a trigram
-- index. `search_text` holds the three fields folded by the portal (domain::search::fold:
-- any script's capitals, not only ASCII's), one per line; SQL's lower() fills the rows that
-- exist (the portal folds them again after this migration, see store::search).
ALTER TABLE claims ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE claims SET search_text = lower(name) || char(10) || lower(customer_domain) || char(10) || lower(tenant_id);

-- The list's own order with the search text beside it: the first rows of a list are tested
-- for a term from the index alone, each claim read only when it matches.
DROP INDEX claims_org_updated;
CREATE INDEX claims_org_updated ON claims (organisation_id, updated_at, id, search_text);

-- FTS5's trigram tokenizer: a phrase of three or more characters matches any text that
-- contains it. Contentless (the text is in `claims`) with the claim's id kept beside each
-- entry. Folding is done already, so the tokenizer compares as is.
CREATE VIRTUAL TABLE claims_search USING fts5 (
    search_text,
    claim_id UNINDEXED,
    content = '',
    contentless_delete = 1,
    contentless_unindexed = 1,
    tokenize = 'trigram case_sensitive 1'
);

-- An entry's rowid is its organisation's number times 2^32 plus the claim's number within
-- it, so one organisation's search reads one rowid range of the index (FTS5 seeks to it)
-- rather than every organisation's matches. Both numbers are explicit keys, which VACUUM
-- (and a backup made with VACUUM INTO) keeps, as it need not keep plain rowids.
CREATE TABLE search_organisations (
    seq INTEGER PRIMARY KEY,
    organisation_id TEXT NOT NULL UNIQUE
);
CREATE TABLE claims_search_keys (
    claim_id TEXT PRIMARY KEY,
    search_rowid INTEGER NOT NULL UNIQUE
) WITHOUT ROWID;

-- The claims that exist are entered by the portal right after this migration
-- (store::search::rebuild_index), as after a bulk load.

-- Kept in step with every write of `claims.search_text`; a claim's number is one more than
-- its organisation's highest.
CREATE TRIGGER claims_search_insert AFTER INSERT ON claims BEGIN
    INSERT OR IGNORE INTO search_organisations (organisation_id) VALUES (new.organisation_id);
    INSERT INTO claims_search_keys (claim_id, search_rowid)
        SELECT new.id, coalesce(
            (SELECT k.search_rowid FROM claims_search_keys k
              WHERE k.search_rowid BETWEEN o.seq * 4294967296 AND o.seq * 4294967296 + 4294967295
              ORDER BY k.search_rowid DESC LIMIT 1),
            o.seq * 4294967296) + 1
        FROM search_organisations o WHERE o.organisation_id = new.organisation_id;
    INSERT INTO claims_search (rowid, search_text, claim_id)
        SELECT search_rowid, new.search_text, new.id FROM claims_search_keys WHERE claim_id = new.id;
END;
CREATE TRIGGER claims_search_update AFTER UPDATE OF search_text ON claims BEGIN
    DELETE FROM claims_search
        WHERE rowid = (SELECT search_rowid FROM claims_search_keys WHERE claim_id = old.id);
    INSERT INTO claims_search (rowid, search_text, claim_id)
        SELECT search_rowid, new.search_text, new.id FROM claims_search_keys WHERE claim_id = new.id;
END;
CREATE TRIGGER claims_search_delete AFTER DELETE ON claims BEGIN
    DELETE FROM claims_search
        WHERE rowid = (SELECT search_rowid FROM claims_search_keys WHERE claim_id = old.id);
    DELETE FROM claims_search_keys WHERE claim_id = old.id;
END;
