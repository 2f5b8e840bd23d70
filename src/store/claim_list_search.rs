//! A page of the Customer associations list narrowed by a search term (see [`super::search`]
//! for what matches and which index finds it).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{
    AnyConnection,
    claim_list::{Cursor, ListQuery, ListRow, SortColumn, ordered, page_of},
    row_bound::{Side, row_bound},
    schema::claims,
    search::{self, Condition, Db, Few},
};
use crate::domain::search::Term;

/// Where the first [`search::WALK`] rows of the list (after its cursor) end: the last
/// one's value in the list's order, and its ID.
enum Boundary {
    At(NaiveDateTime, String),
    Text(String, String),
}

/// The page: from every match the index finds, sorted, when they are few; else first from
/// the rows the list shows first (a frequent term fills its page there), else from every
/// match, sorted. A term the sample says is frequent starts with the first rows.
pub(super) fn searched(
    conn: &mut AnyConnection,
    q: &ListQuery,
    term: &Term,
) -> QueryResult<(Vec<ListRow>, bool)> {
    let backwards = matches!(q.cursor, Cursor::Before(_));
    if !term.walks() {
        return from_index(conn, q, term, backwards);
    }
    // A term the sample expects to fill the page among the first rows is not counted first
    // (counting reads its whole posting list in the organisation, only to find it long).
    if term.expected_in(search::WALK) <= q.limit {
        match search::few_matches(conn, term, &q.organisation_id)? {
            Some(Few::Counted) => return from_index(conn, q, term, backwards),
            Some(Few::Found(ids)) => return among(conn, q, ids, backwards),
            None => {}
        }
    }
    let Some(walked) = ordered(q, false) else {
        return Ok((Vec::new(), false));
    };
    let boundary = match q.sort {
        SortColumn::UpdatedAt => walked
            .select((claims::updated_at, claims::id))
            .offset(search::WALK - 1)
            .first(conn)
            .optional()?
            .map(|(at, id)| Boundary::At(at, id)),
        SortColumn::Name => walked
            .select((claims::name, claims::id))
            .offset(search::WALK - 1)
            .first(conn)
            .optional()?
            .map(|(name, id)| Boundary::Text(name, id)),
        SortColumn::Domain => walked
            .select((claims::customer_domain, claims::id))
            .offset(search::WALK - 1)
            .first(conn)
            .optional()?
            .map(|(domain, id)| Boundary::Text(domain, id)),
    };
    let Some(first) = ordered(q, false) else {
        return Ok((Vec::new(), false));
    };
    let first = first
        .select(ListRow::as_select())
        .filter(search::scanned(conn, term));
    let Some(boundary) = boundary else {
        // No more rows than the walk reads: they are all tested.
        let rows = first.limit(q.limit + 1).load(conn)?;
        return Ok(page_of(rows, q.limit, backwards));
    };
    let descending = q.descending != backwards;
    let rows: Vec<ListRow> = within(first, q.sort, descending, boundary)
        .limit(q.limit + 1)
        .load(conn)?;
    if rows.len() as i64 > q.limit {
        return Ok(page_of(rows, q.limit, backwards));
    }
    from_index(conn, q, term, backwards)
}

/// The page from every match the index finds in the organisation, sorted.
fn from_index(
    conn: &mut AnyConnection,
    q: &ListQuery,
    term: &Term,
    backwards: bool,
) -> QueryResult<(Vec<ListRow>, bool)> {
    let indexed = search::indexed(conn, term, Some(&q.organisation_id));
    sorted(conn, q, indexed, backwards)
}

/// The page from the claims given (every match of the term), sorted.
fn among(
    conn: &mut AnyConnection,
    q: &ListQuery,
    ids: Vec<String>,
    backwards: bool,
) -> QueryResult<(Vec<ListRow>, bool)> {
    sorted(conn, q, Box::new(claims::id.eq_any(ids)), backwards)
}

/// The page of the list's claims that meet `matching`, sorted in the list's order.
fn sorted(
    conn: &mut AnyConnection,
    q: &ListQuery,
    matching: Condition,
    backwards: bool,
) -> QueryResult<(Vec<ListRow>, bool)> {
    let Some(query) = ordered(q, true) else {
        return Ok((Vec::new(), false));
    };
    let rows = query
        .select(ListRow::as_select())
        .filter(matching)
        .limit(q.limit + 1)
        .load(conn)?;
    Ok(page_of(rows, q.limit, backwards))
}

type Page =
    claims::BoxedQuery<'static, Db, diesel::dsl::SqlTypeOf<diesel::dsl::AsSelect<ListRow, Db>>>;

/// `query` up to the boundary row, included: a prefix of the list's order.
fn within(query: Page, sort: SortColumn, descending: bool, boundary: Boundary) -> Page {
    let side = Side::walked(descending);
    let bound = match (sort, boundary) {
        (SortColumn::UpdatedAt, Boundary::At(at, id)) => {
            row_bound((claims::updated_at, claims::id), side, (at, id))
        }
        (SortColumn::Name, Boundary::Text(name, id)) => {
            row_bound((claims::name, claims::id), side, (name, id))
        }
        (SortColumn::Domain, Boundary::Text(domain, id)) => {
            row_bound((claims::customer_domain, claims::id), side, (domain, id))
        }
        // A boundary of another column's type is not made above.
        (_, _) => return query,
    };
    query.filter(bound)
}
