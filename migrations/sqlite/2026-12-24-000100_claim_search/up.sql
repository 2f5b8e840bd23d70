-- "Contains" search over a claim's name, customer domain and tenant ID through a trigram
-- index. `search_text` holds the three fields folded by the portal (domain::search::fold:
-- any script's capitals, not only ASCII's), one per line; SQL's lower() fills the rows that
-- exist (the portal folds them again after this migration, see store::search).
ALTER TABLE claims ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE claims SET search_text = lower(name) || char(10) || lower(customer_domain) || char(10) || lower(tenant_id);

-- FTS5's trigram tokenizer: a phrase of three or more characters matches any text that
-- contains it. Contentless (the text is in `claims`) with the claim's id kept beside each
-- entry; its rowid is the claim's rowid when it was written. Folding is done already, so the
-- tokenizer compares as is.
CREATE VIRTUAL TABLE claims_search USING fts5 (
    search_text,
    claim_id UNINDEXED,
    content = '',
    contentless_delete = 1,
    contentless_unindexed = 1,
    tokenize = 'trigram case_sensitive 1'
);
INSERT INTO claims_search (rowid, search_text, claim_id)
    SELECT rowid, search_text, id FROM claims;

-- Kept in step with every write of `claims.search_text`.
CREATE TRIGGER claims_search_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_search (rowid, search_text, claim_id)
        VALUES (new.rowid, new.search_text, new.id);
END;
CREATE TRIGGER claims_search_update AFTER UPDATE OF search_text ON claims BEGIN
    DELETE FROM claims_search WHERE rowid = old.rowid;
    INSERT INTO claims_search (rowid, search_text, claim_id)
        VALUES (new.rowid, new.search_text, new.id);
END;
CREATE TRIGGER claims_search_delete AFTER DELETE ON claims BEGIN
    DELETE FROM claims_search WHERE rowid = old.rowid;
END;
