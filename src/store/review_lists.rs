//! The reviewers' lists: the queue (oldest submission first) and all claims with filters;
//! one query each, of the claims table alone.

use chrono::NaiveDateTime;
use diesel::{
    dsl::sql,
    prelude::*,
    sql_types::{Nullable, Timestamp},
};

use crate::domain::{
    claim::Status, ids::ClaimId, keyset::KeysetPosition, programme::Programme, search::Term,
};

use super::{
    AnyConnection,
    connection::load_direct,
    cursor_time,
    fixed_sql::fixed_condition,
    parse_cursor_time,
    row_bound::{Below, Side, row_bound, rows},
    schema::{claims, organisations},
    search::{self, Condition},
};

/// A claim whose name, customer domain or tenant ID contains the term (`$how`: `indexed`
/// through the trigram index or `scanned` row by row, see `search`), or whose partner's name
/// does (the organisations whose name contains it: few rows, folded and compared here).
macro_rules! matching {
    ($conn:expr, $term:expr, $how:ident $(, $scope:expr)?) => {{
        let partners = search::organisations_named($conn, $term)?;
        let text = search::$how($conn, $term $(, $scope)?);
        match partners.is_empty() {
            true => text,
            false => Box::new(text.or(claims::organisation_id.eq_any(partners))) as Condition,
        }
    }};
}

#[derive(Debug, Clone, Queryable)]
pub struct ReviewRow {
    #[diesel(deserialize_as = String)]
    pub id: ClaimId,
    pub name: String,
    pub organisation_id: String,
    #[diesel(deserialize_as = String)]
    pub programme: Programme,
    #[diesel(deserialize_as = String)]
    pub status: Status,
    pub customer_domain: String,
    pub tenant_id: String,
    pub submitted_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

type Columns = (
    claims::id,
    claims::name,
    claims::organisation_id,
    claims::programme,
    claims::status,
    claims::customer_domain,
    claims::tenant_id,
    claims::submitted_at,
    claims::updated_at,
);

/// Only the columns the tables show (and the keys the markers need).
const COLUMNS: Columns = (
    claims::id,
    claims::name,
    claims::organisation_id,
    claims::programme,
    claims::status,
    claims::customer_domain,
    claims::tenant_id,
    claims::submitted_at,
    claims::updated_at,
);

fixed_condition!(
    /// Claims waiting for staff: submitted (or resubmitted) and disputed. Written as literals,
    /// exactly as the partial index `claims_waiting` is, so both planners read that one index
    /// range in the queue's order (bound values would leave them unable to prove it covers
    /// them; the COALESCE keeps SQLite off the (status, submitted_at) index and its sort). A
    /// type of its own, so the queue's statement stays prepared.
    WaitingForStaff,
    "COALESCE(claims.status, claims.status) IN ('submitted', 'disputed')"
);

fn waiting_for_staff() -> WaitingForStaff {
    WaitingForStaff
}

/// Claims waiting for staff (submitted, resubmitted or disputed), oldest first (or newest
/// first), those matching `search` (`matching!`) when there is one: one index range
/// (`claims_waiting`).
pub fn queue(
    conn: &mut AnyConnection,
    search: Option<&Term>,
    newest_first: bool,
    limit: i64,
) -> QueryResult<Vec<ReviewRow>> {
    let Some(term) = search else {
        // A query of a fixed type: prepared once per connection, not built on each request.
        let first = claims::table
            .filter(waiting_for_staff())
            .select(COLUMNS)
            .limit(limit);
        return match newest_first {
            false => load_direct(
                conn,
                first.order((claims::submitted_at.asc(), claims::id.asc())),
            ),
            true => load_direct(
                conn,
                first.order((claims::submitted_at.desc(), claims::id.desc())),
            ),
        };
    };
    if !term.walks() {
        let indexed = matching!(conn, term, indexed, None);
        return waiting(conn, (Some(indexed), true), None, newest_first, limit);
    }
    // The first rows in the queue's order, tested one by one: enough for a frequent term (a
    // page of the queue is larger than the list's, so is the walk).
    let mut walked = claims::table
        .filter(waiting_for_staff())
        .select((claims::submitted_at, claims::id))
        .offset(search::WALK * 4 - 1)
        .into_boxed();
    walked = match newest_first {
        false => walked.order((claims::submitted_at.asc(), claims::id.asc())),
        true => walked.order((claims::submitted_at.desc(), claims::id.desc())),
    };
    let last_walked = walked
        .first::<(Option<NaiveDateTime>, String)>(conn)
        .optional()?;
    let until = last_walked.clone().and_then(|(at, id)| Some((at?, id)));
    let scanned = matching!(conn, term, scanned);
    let found = waiting(conn, (Some(scanned), false), until, newest_first, limit)?;
    if found.len() as i64 >= limit || last_walked.is_none() {
        return Ok(found);
    }
    let indexed = matching!(conn, term, indexed, None);
    waiting(conn, (Some(indexed), true), None, newest_first, limit)
}

/// Claims waiting for staff that match, in the queue's order, up to `until` (a row's
/// submission time and ID) when given.
fn waiting(
    conn: &mut AnyConnection,
    (matching, matches_first): (Option<Condition>, bool),
    until: Option<(NaiveDateTime, String)>,
    newest_first: bool,
    limit: i64,
) -> QueryResult<Vec<ReviewRow>> {
    let mut query = claims::table
        .filter(waiting_for_staff())
        .select(COLUMNS)
        .into_boxed();
    if let Some(matching) = matching {
        query = query.filter(matching);
    }
    if let Some(until) = until {
        let side = Side::walked(newest_first);
        query = query.filter(row_bound((claims::submitted_at, claims::id), side, until));
    }
    // As in `page`: an index's matches are sorted, not found by walking the queue's order.
    let submitted =
        sql::<Nullable<Timestamp>>("COALESCE(claims.submitted_at, claims.submitted_at)");
    query = match (newest_first, matches_first) {
        (false, false) => query.order((claims::submitted_at.asc(), claims::id.asc())),
        (true, false) => query.order((claims::submitted_at.desc(), claims::id.desc())),
        (false, true) => query.order((submitted.asc(), claims::id.asc())),
        (true, true) => query.order((submitted.desc(), claims::id.desc())),
    };
    query.limit(limit).load(conn)
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Option<Status>,
    pub organisation_id: Option<String>,
    pub programme: Option<Programme>,
    pub tenant_id: Option<String>,
    /// Part of the name, the partner's name, the customer domain or the tenant ID.
    pub search: Option<Term>,
    /// Rows after this position (updated_at, id), newest first.
    pub after: Option<KeysetPosition>,
}

impl ReviewRow {
    /// Where a page that ends with this row continues.
    pub fn position(&self) -> KeysetPosition {
        KeysetPosition::new(cursor_time(self.updated_at), self.id.as_str())
    }
}

/// Every claim but drafts (a partner's draft is not the programme's business yet), newest
/// change first; one page plus whether more follow.
pub fn all(
    conn: &mut AnyConnection,
    filter: &Filter,
    limit: i64,
) -> QueryResult<(Vec<ReviewRow>, bool)> {
    // A position no page wrote (an old or edited link) starts from the first page.
    let after = filter
        .after
        .as_ref()
        .and_then(|after| Some((parse_cursor_time(&after.value)?, after.id.clone())));
    let Some(term) = &filter.search else {
        if filter.organisation_id.is_none()
            && filter.programme.is_none()
            && filter.tenant_id.is_none()
        {
            let status = filter.status.map(Status::as_str);
            let rows = newest(conn, status, after, limit)?;
            return Ok(more_than(rows, limit));
        }
        return page(conn, filter, after, (None, false), None, limit);
    };
    if !term.walks() {
        let indexed = matching!(conn, term, indexed, None);
        return page(conn, filter, after, (Some(indexed), true), None, limit);
    }
    // The rows changed last first, tested one by one (every row changed since the
    // [`search::WALK`]th claim after the cursor): enough for a frequent term.
    let mut walked = claims::table
        .filter(claims::status.ne("draft"))
        .select((claims::updated_at, claims::id))
        .order((claims::updated_at.desc(), claims::id.desc()))
        .offset(search::WALK - 1)
        .into_boxed();
    if let Some(after) = &after {
        let columns = (claims::updated_at, claims::id);
        walked = walked.filter(row_bound(columns, Side::UpTo, after.clone()));
    }
    let since = walked.first::<(NaiveDateTime, String)>(conn).optional()?;
    let scanned = matching!(conn, term, scanned);
    let (rows, more) = page(
        conn,
        filter,
        after.clone(),
        (Some(scanned), false),
        since.clone(),
        limit,
    )?;
    if more || since.is_none() {
        return Ok((rows, more));
    }
    let indexed = matching!(conn, term, indexed, None);
    page(conn, filter, after, (Some(indexed), true), None, limit)
}

/// A page of `all`: the claims that pass the filters and `matching`, changed at or after
/// `since` (a row's change and ID), after the cursor `after`.
fn page(
    conn: &mut AnyConnection,
    filter: &Filter,
    after: Option<(NaiveDateTime, String)>,
    (matching, matches_first): (Option<Condition>, bool),
    since: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<(Vec<ReviewRow>, bool)> {
    let mut query = claims::table
        .filter(claims::status.ne("draft"))
        .select(COLUMNS)
        .into_boxed();
    if let Some(status) = filter.status {
        query = query.filter(claims::status.eq(status.as_str()));
    }
    if let Some(organisation) = &filter.organisation_id {
        query = query.filter(claims::organisation_id.eq(organisation.clone()));
    }
    if let Some(programme) = filter.programme {
        query = query.filter(claims::programme.eq(programme.as_str()));
    }
    if let Some(tenant) = &filter.tenant_id {
        query = query.filter(claims::tenant_id.eq(tenant.clone()));
    }
    if let Some(matching) = matching {
        query = query.filter(matching);
    }
    if let Some(since) = since {
        query = query.filter(row_bound(
            (claims::updated_at, claims::id),
            Side::From,
            since,
        ));
    }
    if let Some(after) = after {
        query = query.filter(rows((claims::updated_at, claims::id), Below, after));
    }
    // The index's matches are found first and sorted: COALESCE(x, x) is x, but keeps the
    // planner from walking every claim in the updated_at index to find a rare term's few.
    query = match matches_first {
        true => query.order((
            sql::<Timestamp>("COALESCE(claims.updated_at, claims.updated_at)").desc(),
            claims::id.desc(),
        )),
        false => query.order((claims::updated_at.desc(), claims::id.desc())),
    };
    let rows: Vec<ReviewRow> = query.limit(limit + 1).load(conn)?;
    Ok(more_than(rows, limit))
}

/// `limit + 1` rows as read → the page, and whether more follow.
fn more_than(mut rows: Vec<ReviewRow>, limit: i64) -> (Vec<ReviewRow>, bool) {
    let more = rows.len() as i64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    (rows, more)
}

/// A page of `all` as most visits ask for it (no filter but the status, no search), with
/// queries of a fixed type: prepared once per connection instead of built on each request.
fn newest(
    conn: &mut AnyConnection,
    status: Option<&str>,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<ReviewRow>> {
    let first = claims::table
        .filter(claims::status.ne("draft"))
        .select(COLUMNS)
        .order((claims::updated_at.desc(), claims::id.desc()))
        .limit(limit + 1);
    let Some((at, id)) = after else {
        return match status {
            None => load_direct(conn, first),
            Some(status) => load_direct(conn, first.filter(claims::status.eq(status))),
        };
    };
    let older = first.filter(rows((claims::updated_at, claims::id), Below, (at, id)));
    match status {
        None => load_direct(conn, older),
        Some(status) => load_direct(conn, older.filter(claims::status.eq(status))),
    }
}

/// The organisations, for the partner filter.
pub fn organisations(conn: &mut AnyConnection) -> QueryResult<Vec<(String, String)>> {
    organisations::table
        .order((organisations::name, organisations::id))
        .select((organisations::id, organisations::name))
        .load(conn)
}
