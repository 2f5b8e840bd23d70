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
//!   `claims.search_text` by triggers), queried with the term as a phrase; each claim it
//!   returns is checked against its own text (`instr`), so the table only narrows.
//! - PostgreSQL: a GIN index over `(organisation_id, search_text gin_trgm_ops)` (btree_gin
//!   for the organisation), which serves `search_text LIKE '%term%'` within one
//!   organisation or across all; PostgreSQL rechecks each row itself.
//!
//! Trigram indexes cannot find terms of one or two characters. Those, and the first rows of
//! any list ([`WALK`]), are read in the list's own order, through the list's own index,
//! with a plain substring test: a frequent term (a common domain part) fills its page from
//! the first few hundred rows, where the index would return every match of it to be sorted.

use diesel::{
    BoxableExpression, Connection,
    connection::SimpleConnection,
    dsl::sql,
    prelude::*,
    sql_types::{Bool, Text},
};

use crate::domain::search::{TRIGRAM, fold, search_text};

use super::{AnyConnection, schema::organisations};

/// The backend of [`AnyConnection`], which boxed queries are built for.
pub type Db = <AnyConnection as Connection>::Backend;

/// A condition on `claims` that fits in any query reading them.
pub type Condition<QS> = Box<dyn BoxableExpression<QS, Db, SqlType = Bool>>;

/// Rows a list reads in its own order, testing each, before it asks the trigram index: a
/// term found in more than one row in forty fills a page of 25 from them.
pub const WALK: i64 = 1000;

/// A search term as it is compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    folded: String,
}

impl Term {
    /// The term folded, `None` when nothing is left to search for.
    pub fn new(raw: &str) -> Option<Term> {
        let folded = fold(raw.trim());
        (!folded.is_empty()).then_some(Term { folded })
    }

    /// Whether a trigram index can find it (three characters or more).
    pub fn indexable(&self) -> bool {
        self.folded.chars().count() >= TRIGRAM
    }

    /// Whether `text` (not yet folded) contains the term.
    pub fn found_in(&self, text: &str) -> bool {
        fold(text).contains(&self.folded)
    }
}

/// Claims whose text contains the term, tested row by row (no index serves it).
pub fn scanned<QS: 'static>(conn: &AnyConnection, term: &Term) -> Condition<QS> {
    let function = match conn {
        AnyConnection::Sqlite(_) => "instr(",
        AnyConnection::Postgresql(_) => "strpos(",
    };
    Box::new(
        sql::<Bool>(function)
            .sql("claims.search_text, ")
            .bind::<Text, _>(term.folded.clone())
            .sql(") > 0"),
    )
}

/// Claims whose text contains the term, found through the trigram index when the term is
/// long enough for one (else as [`scanned`]).
pub fn indexed<QS: 'static>(conn: &AnyConnection, term: &Term) -> Condition<QS> {
    if !term.indexable() {
        return scanned(conn, term);
    }
    match conn {
        AnyConnection::Sqlite(_) => {
            let phrase = format!("\"{}\"", term.folded.replace('"', "\"\""));
            Box::new(
                sql::<Bool>(
                    "claims.id IN (SELECT claims_search.claim_id FROM claims_search \
                     WHERE claims_search MATCH ",
                )
                .bind::<Text, _>(phrase)
                .sql(") AND instr(claims.search_text, ")
                .bind::<Text, _>(term.folded.clone())
                .sql(") > 0"),
            )
        }
        AnyConnection::Postgresql(_) => {
            let pattern = format!("%{}%", like_escaped(&term.folded));
            // PostgreSQL's LIKE escapes with a backslash unless told otherwise.
            Box::new(sql::<Bool>("claims.search_text LIKE ").bind::<Text, _>(pattern))
        }
    }
}

/// `text` with LIKE's wildcards and escape character escaped by a backslash.
fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
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

/// Fills SQLite's trigram index from `claims` in one statement, after a bulk load that wrote
/// claims with its triggers set aside (PostgreSQL's GIN index is an index like the others,
/// built again by the load itself), and merges it into one segment.
pub fn rebuild_index(conn: &mut AnyConnection) -> QueryResult<()> {
    if let AnyConnection::Sqlite(_) = conn {
        conn.batch_execute(
            "DELETE FROM claims_search; \
             INSERT INTO claims_search (rowid, search_text, claim_id) \
                 SELECT rowid, search_text, id FROM claims; \
             INSERT INTO claims_search (claims_search) VALUES ('optimize');",
        )?;
    }
    Ok(())
}
