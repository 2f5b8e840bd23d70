//! "Contains" search over claims, through a trigram index.
//!
//! What is compared: `claims.search_text`, the claim's name, customer domain and tenant ID
//! folded by [`crate::domain::search::fold`] (lower case in every script, full-width ASCII
//! as ASCII), one per line; the term is folded by the same function. Folding in Rust, not
//! with SQL's `lower()`, makes both backends find the same claims: SQLite's `lower()` folds
//! ASCII only and PostgreSQL's depends on the database's locale. The text is written with
//! the claim ([`super::claims::insert_draft`], `portal seed`); those fields never change.
//!
//! How it is found, per backend:
//! - SQLite: an FTS5 table with the trigram tokenizer (`claims_search`, kept in step with
//!   `claims.search_text` by triggers), queried with the term's rarest part as a phrase
//!   ([`Term::key`]); each claim it returns is checked against its own text (`instr`), so
//!   the table only narrows. An organisation's entries lie in one rowid range of it (see
//!   the migration `claim_search`), so a partner's search reads only its own
//!   organisation's part of the index.
//! - PostgreSQL: the text's copy in `claim_search_texts` (kept in step by a trigger, and
//!   never updated by a status change, so its GIN indexes cost the jobs nothing; see the
//!   migration of that name). Within one organisation, a GIN index over the organisation's
//!   trigrams of the text (`organisation_trigrams`, see the migration of that name): each
//!   key is the organisation and a trigram, so a common trigram's posting list holds only
//!   that organisation's claims. Across all organisations (the reviewers' lists), a GIN
//!   index over `search_text gin_trgm_ops`, which serves `search_text LIKE '%key%'`. Both
//!   ask for the term's key too, and test the whole term with `strpos`.
//!
//! Trigram indexes cannot find terms of one or two characters. Those, and the first rows of
//! any list ([`WALK`]), are read in the list's own order, through the list's own index,
//! with a plain substring test: a frequent term (a common domain part) fills its page from
//! the first few hundred rows, where the index would return every match of it to be sorted.
//! A partner's list first counts the term's matches in its part of the index
//! ([`few_matches`]): a rare term's few are sorted at once, without that walk. A whole
//! tenant ID is looked up by the tenant ID's own index.

use diesel::{
    BoxableExpression, Connection,
    connection::SimpleConnection,
    prelude::*,
    sql_types::{Bool, Text},
};

use crate::domain::search::{Term, search_text};

use super::{
    AnyConnection,
    schema::{claims, organisations},
};

/// The backend of [`AnyConnection`], which boxed queries are built for.
pub type Db = <AnyConnection as Connection>::Backend;

/// A condition on `claims` that fits in any query reading them.
pub type Condition = Box<dyn BoxableExpression<claims::table, Db, SqlType = Bool>>;

// SQLite's trigram index and its organisations' numbers (the migration `claim_search`),
// and PostgreSQL's copy of the search text (the migration `claim_search_texts`), declared
// here rather than in the schema: each backend has only its own. Every condition here is
// written with diesel's query builder, not as SQL text, so that diesel keeps its statements
// prepared (it prepares a statement holding SQL text anew for each request).
diesel::table! {
    claims_search (rowid) {
        rowid -> BigInt,
        search_text -> Text,
        claim_id -> Text,
    }
}

diesel::table! {
    search_organisations (seq) {
        seq -> BigInt,
        organisation_id -> Text,
    }
}

diesel::table! {
    claim_search_texts (claim_id) {
        claim_id -> Text,
        organisation_id -> Text,
        search_text -> Text,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    claims,
    claims_search,
    search_organisations,
    claim_search_texts
);

diesel::infix_operator!(Matches, " MATCH ");

diesel::define_sql_function! {
    /// SQLite's `instr()`: where the second text first occurs in the first, 0 if nowhere.
    fn instr(haystack: Text, needle: Text) -> diesel::sql_types::Integer;
}

diesel::define_sql_function! {
    /// PostgreSQL's `strpos()`, its `instr()`.
    fn strpos(haystack: Text, needle: Text) -> diesel::sql_types::Integer;
}

diesel::define_sql_function! {
    /// PostgreSQL's keys of an organisation and a trigram of a folded text (the migration
    /// `organisation_trigrams`).
    fn organisation_trigrams(organisation: Text, folded: Text) -> diesel::sql_types::Array<Text>;
}

// PostgreSQL's array containment: every element on the right is on the left.
diesel::infix_operator!(ContainsAll, " @> ");

/// An organisation's entries in `claims_search` span its number times 2^32 to that plus
/// 2^32 - 1 (see the migration `claim_search`).
const ORGANISATION_SPAN: i64 = 1 << 32;

/// `claims_search`'s entries that contain the FTS5 phrase (`claims_search` and the
/// organisation's range: `$organisation`, when given).
macro_rules! fts_found {
    ($phrase:expr) => {
        claims_search::table.filter(Matches::new(
            claims_search::search_text,
            $phrase.into_sql::<Text>(),
        ))
    };
    ($phrase:expr, $organisation:expr) => {{
        let first = || {
            search_organisations::table
                .filter(search_organisations::organisation_id.eq($organisation.to_owned()))
                .select(search_organisations::seq * ORGANISATION_SPAN)
                .single_value()
                .assume_not_null()
        };
        fts_found!($phrase).filter(
            claims_search::rowid
                .ge(first())
                .and(claims_search::rowid.le(first() + (ORGANISATION_SPAN - 1))),
        )
    }};
}

/// `claim_search_texts`' rows of claims whose text contains the term, through the
/// organisation's trigrams (see the migration `organisation_trigrams`): every one of the
/// term's must be among the claim's. The text is tested by `strpos`, which no index serves:
/// a LIKE would draw in the index of every organisation's trigrams, and its whole posting
/// lists with it. Where two organisations' keys share a prefix, the other's claims are
/// found too: the lists' own organisation condition leaves them out.
macro_rules! pg_found {
    ($term:expr, $organisation:expr) => {
        claim_search_texts::table.filter(
            ContainsAll::new(
                organisation_trigrams(
                    claim_search_texts::organisation_id,
                    claim_search_texts::search_text,
                ),
                organisation_trigrams($organisation.to_owned(), $term.key().to_owned()),
            )
            .and(strpos(claim_search_texts::search_text, $term.folded().to_owned()).gt(0)),
        )
    };
}

/// Rows a list reads in its own order, testing each, before it asks the trigram index: a
/// term found in more than one row in forty fills a page of 25 from them.
pub const WALK: i64 = 1000;

/// The term's key ([`Term::key`]) as an FTS5 phrase: quoted, its quotes doubled.
fn phrase(term: &Term) -> String {
    format!("\"{}\"", term.key().replace('"', "\"\""))
}

/// Claims whose text contains the term, tested row by row (no index serves it).
pub fn scanned(conn: &AnyConnection, term: &Term) -> Condition {
    if let Some(tenant) = term.tenant() {
        return Box::new(claims::tenant_id.eq(tenant.to_owned()));
    }
    match conn {
        AnyConnection::Sqlite(_) => {
            Box::new(instr(claims::search_text, term.folded().to_owned()).gt(0))
        }
        AnyConnection::Postgresql(_) => {
            Box::new(strpos(claims::search_text, term.folded().to_owned()).gt(0))
        }
    }
}

/// Claims whose text contains the term, found through the trigram index when the term is
/// long enough for one (else as [`scanned`]); within one organisation's claims when
/// `organisation` is given (SQLite reads only that organisation's rowid range of the index;
/// PostgreSQL reads only that organisation's trigrams). A whole tenant ID is found by the
/// tenant ID's own index ([`Term::walks`]).
pub fn indexed(conn: &AnyConnection, term: &Term, organisation: Option<&str>) -> Condition {
    if let Some(tenant) = term.tenant() {
        return Box::new(claims::tenant_id.eq(tenant.to_owned()));
    }
    if !term.indexable() {
        return scanned(conn, term);
    }
    match conn {
        AnyConnection::Sqlite(_) => {
            let contains = instr(claims::search_text, term.folded().to_owned()).gt(0);
            match organisation {
                None => Box::new(
                    claims::id
                        .eq_any(fts_found!(phrase(term)).select(claims_search::claim_id))
                        .and(contains),
                ),
                Some(organisation) => Box::new(
                    claims::id
                        .eq_any(
                            fts_found!(phrase(term), organisation).select(claims_search::claim_id),
                        )
                        .and(contains),
                ),
            }
        }
        AnyConnection::Postgresql(_) => match organisation {
            None => {
                let pattern = format!("%{}%", super::like_escaped(term.key()));
                // PostgreSQL's LIKE escapes with a backslash unless told otherwise. The
                // index finds the key; `strpos` tests the whole term.
                Box::new(
                    claims::id.eq_any(
                        claim_search_texts::table
                            .filter(claim_search_texts::search_text.like(pattern))
                            .filter(
                                strpos(claim_search_texts::search_text, term.folded().to_owned())
                                    .gt(0),
                            )
                            .select(claim_search_texts::claim_id),
                    ),
                )
            }
            Some(organisation) => Box::new(
                claims::id
                    .eq_any(pg_found!(term, organisation).select(claim_search_texts::claim_id)),
            ),
        },
    }
}

/// Matches an organisation may have for its list to sort them all rather than first test its
/// newest rows one by one.
pub const FEW: i64 = 100;

/// What [`few_matches`] learnt of a term with at most [`FEW`] matches in an organisation.
pub enum Few {
    /// SQLite counted them in its index alone, which names no claim: ask [`indexed`].
    Counted,
    /// PostgreSQL read them: these claims.
    Found(Vec<String>),
}

/// The organisation's matches of the term when it has at most [`FEW`] (`None` when it has
/// more, or the term is too short for the index), from its part of the trigram index:
/// then sorting every match costs less than walking the list.
pub fn few_matches(
    conn: &mut AnyConnection,
    term: &Term,
    organisation: &str,
) -> QueryResult<Option<Few>> {
    if !term.indexable() {
        return Ok(None);
    }
    if let AnyConnection::Postgresql(_) = conn {
        // From the copy of the text alone, not joined to `claims`: PostgreSQL's generic plan
        // would read an index of all the organisation's claims to intersect with the few.
        let found = pg_found!(term, organisation)
            .filter(claim_search_texts::organisation_id.eq(organisation.to_owned()))
            .select(claim_search_texts::claim_id)
            .limit(FEW + 1)
            .load::<String>(conn)?;
        return Ok((found.len() as i64 <= FEW).then_some(Few::Found(found)));
    }
    // Rowids, which the index holds: no entry's stored claim ID is read.
    let found = fts_found!(phrase(term), organisation)
        .select(claims_search::rowid)
        .limit(FEW + 1)
        .load::<i64>(conn)?;
    Ok((found.len() as i64 <= FEW).then_some(Few::Counted))
}

/// The organisations whose name contains the term (for the reviewers' search): few rows,
/// folded here like the claims' text.
pub fn organisations_named(conn: &mut AnyConnection, term: &Term) -> QueryResult<Vec<String>> {
    let all: Vec<(String, String)> = organisations::table
        .select((organisations::id, organisations::name))
        .load(conn)?;
    Ok(all
        .into_iter()
        .filter(|(_, name)| term.found_in(name))
        .map(|(id, _)| id)
        .collect())
}

/// Folds the search text of every claim again where the portal's folding differs from what
/// is stored (the migration that made the column could only use SQL's `lower()`); the
/// claims changed. Run once, right after that migration.
pub fn refold_all(conn: &mut AnyConnection) -> QueryResult<u64> {
    use super::schema::claims;
    const BATCH: i64 = 2_000;
    let mut after = String::new();
    let mut changed = 0;
    loop {
        let rows: Vec<(String, String, String, String, String)> = claims::table
            .filter(claims::id.gt(&after))
            .order(claims::id)
            .select((
                claims::id,
                claims::name,
                claims::customer_domain,
                claims::tenant_id,
                claims::search_text,
            ))
            .limit(BATCH)
            .load(conn)?;
        let Some(last) = rows.last() else {
            return Ok(changed);
        };
        after = last.0.clone();
        super::write_transaction(conn, |c| {
            for (id, name, domain, tenant, stored) in &rows {
                let text = search_text(name, domain, tenant);
                if &text != stored {
                    diesel::update(claims::table.find(id))
                        .set(claims::search_text.eq(text))
                        .execute(c)?;
                    changed += 1;
                }
            }
            QueryResult::Ok(())
        })?;
    }
}

/// Fills the search index from `claims` after a bulk load that wrote claims with the
/// triggers that fill it set aside, before the index's own indexes are built again: SQLite's
/// trigram table (and its organisations' and claims' numbers), merged into one segment;
/// PostgreSQL's copy of the text (`claim_search_texts`).
pub fn rebuild_index(conn: &mut AnyConnection) -> QueryResult<()> {
    match conn {
        AnyConnection::Postgresql(_) => conn.batch_execute(
            "INSERT INTO claim_search_texts (claim_id, organisation_id, search_text) \
                 SELECT id, organisation_id, search_text FROM claims \
                 ON CONFLICT (claim_id) DO NOTHING",
        ),
        AnyConnection::Sqlite(_) => conn.batch_execute(
            "INSERT INTO claims_search (claims_search) VALUES ('delete-all'); \
             DELETE FROM claims_search_keys; \
             INSERT OR IGNORE INTO search_organisations (organisation_id) \
                 SELECT DISTINCT organisation_id FROM claims ORDER BY organisation_id; \
             INSERT INTO claims_search_keys (claim_id, search_rowid) \
                 SELECT c.id, o.seq * 4294967296 + row_number() \
                     OVER (PARTITION BY c.organisation_id ORDER BY c.rowid) \
                 FROM claims c JOIN search_organisations o ON o.organisation_id = c.organisation_id; \
             INSERT INTO claims_search (rowid, search_text, claim_id) \
                 SELECT k.search_rowid, c.search_text, c.id \
                 FROM claims_search_keys k JOIN claims c ON c.id = k.claim_id \
                 ORDER BY k.search_rowid; \
             INSERT INTO claims_search (claims_search) VALUES ('optimize');",
        ),
    }
}
