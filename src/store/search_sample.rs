//! A sample of the claims' search texts, spread over every claim, old and new: how often
//! each part of a text occurs ([`crate::domain::trigrams::TrigramCounts`]) is counted in it.

use diesel::prelude::*;

use super::{AnyConnection, schema::claims};

/// The search texts of up to `each` claims from each identifier given on (in ascending
/// order), in identifier order, each claim once: a sample for
/// [`crate::domain::trigrams::TrigramCounts`], read through the primary key
/// (`spread_ids` spreads the identifiers over every claim, between [`id_bounds`]).
pub fn texts_from(
    conn: &mut AnyConnection,
    starts: &[String],
    each: i64,
) -> QueryResult<Vec<String>> {
    let mut texts = Vec::new();
    let mut last = String::new();
    for start in starts {
        let rows: Vec<(String, String)> = claims::table
            .filter(claims::id.ge(start))
            .filter(claims::id.gt(&last))
            .order(claims::id)
            .select((claims::id, claims::search_text))
            .limit(each)
            .load(conn)?;
        let read_to_the_end = (rows.len() as i64) < each;
        if let Some((id, _)) = rows.last() {
            last = id.clone();
        }
        texts.extend(rows.into_iter().map(|(_, text)| text));
        if read_to_the_end {
            // Every later start lies beyond the last claim.
            break;
        }
    }
    Ok(texts)
}

/// The first and the last claim's identifiers, `None` when there are no claims.
pub fn id_bounds(conn: &mut AnyConnection) -> QueryResult<Option<(String, String)>> {
    let ids = claims::table.select(claims::id);
    let first = ids
        .order(claims::id.asc())
        .first::<String>(conn)
        .optional()?;
    let last = ids
        .order(claims::id.desc())
        .first::<String>(conn)
        .optional()?;
    Ok(first.zip(last))
}
