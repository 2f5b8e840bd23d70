//! The organisation's Customer associations list: filters, search, sort and keyset pages.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::{
    claim::Status, keyset::KeysetPosition, programme::Programme, saved_views::ViewRule,
    search::Term,
};

use super::{
    AnyConnection,
    connection::load_direct,
    cursor_time, db_time, parse_cursor_time,
    row_bound::{Below, Side, row_bound, rows},
    schema::claims,
    search::Db,
};

/// One row of the Customer associations list (codes read as the domain's values).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = claims)]
pub struct ListRow {
    pub id: String,
    pub name: String,
    pub customer_domain: String,
    pub tenant_id: String,
    #[diesel(deserialize_as = String)]
    pub programme: Programme,
    pub activity: String,
    pub location_id: String,
    #[diesel(deserialize_as = String)]
    pub status: Status,
    pub window_closes_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
    /// The claim's product names in catalogue order, joined by [`PRODUCT_SEPARATOR`].
    pub product_names: Option<String>,
}

pub use super::product_names::PRODUCT_SEPARATOR;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    UpdatedAt,
    Name,
    Domain,
}

/// Where a page starts: after (or before) the row with this sort value and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    First,
    After(KeysetPosition),
    Before(KeysetPosition),
}

#[derive(Debug, Clone)]
pub struct ListQuery {
    pub organisation_id: String,
    pub status: Option<Status>,
    pub programme: Option<Programme>,
    pub location_id: Option<String>,
    /// A saved view's rule, on top of the other filters.
    pub view: Option<ViewRule>,
    /// Part of the claim name, the customer domain or the tenant ID, in any case (see
    /// [`search`]).
    pub search: Option<Term>,
    pub sort: SortColumn,
    pub descending: bool,
    pub cursor: Cursor,
    pub limit: i64,
}

/// Where a page that ends (or starts) with `row` continues, in `sort` order.
pub fn position(row: &ListRow, sort: SortColumn) -> KeysetPosition {
    let value = match sort {
        SortColumn::UpdatedAt => cursor_time(row.updated_at),
        SortColumn::Name => row.name.clone(),
        SortColumn::Domain => row.customer_domain.clone(),
    };
    KeysetPosition::new(value, row.id.as_str())
}

/// One page of rows in display order, plus whether more rows lie beyond it in the
/// direction it was read (so the page knows whether to offer Next or Previous).
pub fn list(conn: &mut AnyConnection, q: &ListQuery) -> QueryResult<(Vec<ListRow>, bool)> {
    if let Some(rows) = newest_first_unfiltered(conn, q)? {
        return Ok(page_of(rows, q.limit, false));
    }
    let backwards = matches!(q.cursor, Cursor::Before(_));
    let Some(term) = &q.search else {
        let Some(query) = ordered(q, false) else {
            return Ok((Vec::new(), false));
        };
        let rows = query
            .select(ListRow::as_select())
            .limit(q.limit + 1)
            .load(conn)?;
        return Ok(page_of(rows, q.limit, backwards));
    };
    super::claim_list_search::searched(conn, q, term)
}

/// The organisation's claims that pass the filters, after the cursor, in the list's order
/// (`None` for a cursor no page wrote). `matches_first`: the rows will be few (the matches
/// of a search), so they are sorted rather than read through the order's index.
pub(super) fn ordered(
    q: &ListQuery,
    matches_first: bool,
) -> Option<claims::BoxedQuery<'static, Db>> {
    let mut query = claims::table
        .filter(claims::organisation_id.eq(q.organisation_id.clone()))
        .into_boxed();
    if let Some(status) = q.status {
        query = query.filter(claims::status.eq(status.as_str()));
    }
    if let Some(programme) = q.programme {
        query = query.filter(claims::programme.eq(programme.as_str()));
    }
    if let Some(location) = &q.location_id {
        query = query.filter(claims::location_id.eq(location.clone()));
    }
    query = match q.view {
        None => query,
        Some(ViewRule::Status(status)) => query.filter(claims::status.eq(status.as_str())),
        Some(ViewRule::NeedsAction { rejected_since }) => query
            // Repeated as a list, so the planner reads the (organisation, status) index.
            .filter(
                claims::status.eq_any([Status::ActionRequired.as_str(), Status::Rejected.as_str()]),
            )
            .filter(
                claims::status
                    .eq(Status::ActionRequired.as_str())
                    .or(claims::status
                        .eq(Status::Rejected.as_str())
                        .and(claims::dispute_used.eq(false))
                        .and(claims::rejected_at.ge(db_time(rejected_since)))),
            ),
        // COALESCE(x, x) is x, but keeps SQLite on the (organisation, status, updated_at)
        // index: the (status, ends_at) index would read every organisation's claims.
        Some(ViewRule::EndingBy { ends_by }) => query
            .filter(claims::status.eq(Status::Official.as_str()))
            .filter(
                diesel::dsl::sql::<diesel::sql_types::Nullable<diesel::sql_types::Timestamp>>(
                    "COALESCE(claims.ends_at, claims.ends_at)",
                )
                .le(db_time(ends_by)),
            ),
    };
    // Reading backwards (Previous) flips the order; rows are flipped back below.
    let backwards = matches!(q.cursor, Cursor::Before(_));
    let descending = q.descending != backwards;
    if let Cursor::After(KeysetPosition { value, id })
    | Cursor::Before(KeysetPosition { value, id }) = &q.cursor
    {
        let side = Side::after(descending);
        let id = id.clone();
        query = query.filter(match q.sort {
            SortColumn::UpdatedAt => {
                let at = parse_cursor_time(value)?;
                row_bound((claims::updated_at, claims::id), side, (at, id))
            }
            SortColumn::Name => row_bound((claims::name, claims::id), side, (value.clone(), id)),
            SortColumn::Domain => row_bound(
                (claims::customer_domain, claims::id),
                side,
                (value.clone(), id),
            ),
        });
    }
    // COALESCE(x, x) is x, but keeps the planner off the updated_at index: the matches are
    // found first and sorted.
    let searching = matches_first;
    let updated_at_unindexed = diesel::dsl::sql::<diesel::sql_types::Timestamp>(
        "COALESCE(claims.updated_at, claims.updated_at)",
    );
    query = match (q.sort, descending) {
        (SortColumn::UpdatedAt, true) if searching => {
            query.order((updated_at_unindexed.desc(), claims::id.desc()))
        }
        (SortColumn::UpdatedAt, false) if searching => {
            query.order((updated_at_unindexed.asc(), claims::id.asc()))
        }
        (SortColumn::UpdatedAt, true) => {
            query.order((claims::updated_at.desc(), claims::id.desc()))
        }
        (SortColumn::UpdatedAt, false) => query.order((claims::updated_at.asc(), claims::id.asc())),
        (SortColumn::Name, true) => query.order((claims::name.desc(), claims::id.desc())),
        (SortColumn::Name, false) => query.order((claims::name.asc(), claims::id.asc())),
        (SortColumn::Domain, true) => {
            query.order((claims::customer_domain.desc(), claims::id.desc()))
        }
        (SortColumn::Domain, false) => {
            query.order((claims::customer_domain.asc(), claims::id.asc()))
        }
    };
    Some(query)
}

/// `limit + 1` rows as read → the page in display order, and whether more lie beyond it.
pub(super) fn page_of(mut rows: Vec<ListRow>, limit: i64, backwards: bool) -> (Vec<ListRow>, bool) {
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    if backwards {
        rows.reverse();
    }
    (rows, more)
}

/// The list as most visits see it (no filter, newest change first, first page or Next) with
/// queries of a fixed type: diesel keeps them prepared by type, where a boxed query has its
/// SQL built and looked up on every call (a tenth of the page's CPU). `None`: not this case.
fn newest_first_unfiltered(
    conn: &mut AnyConnection,
    q: &ListQuery,
) -> QueryResult<Option<Vec<ListRow>>> {
    let unfiltered = q.status.is_none()
        && q.view.is_none()
        && q.programme.is_none()
        && q.location_id.is_none()
        && q.search.is_none();
    if !(unfiltered && q.sort == SortColumn::UpdatedAt && q.descending) {
        return Ok(None);
    }
    let newest = claims::table
        .filter(claims::organisation_id.eq(&q.organisation_id))
        .select(super::connection::selection::<ListRow>())
        .order((claims::updated_at.desc(), claims::id.desc()))
        .limit(q.limit + 1);
    match &q.cursor {
        Cursor::First => load_direct(conn, newest).map(Some),
        Cursor::After(KeysetPosition { value, id }) => {
            let Some(at) = parse_cursor_time(value) else {
                return Ok(Some(Vec::new()));
            };
            let older = newest.filter(rows((claims::updated_at, claims::id), Below, (at, id)));
            load_direct(conn, older).map(Some)
        }
        Cursor::Before(_) => Ok(None),
    }
}

/// Whether the organisation has any claim at all (one index probe, no count).
pub fn organisation_has_any(conn: &mut AnyConnection, organisation_id: &str) -> QueryResult<bool> {
    let first: Option<String> = claims::table
        .filter(claims::organisation_id.eq(organisation_id))
        .select(claims::id)
        .first(conn)
        .optional()?;
    Ok(first.is_some())
}
