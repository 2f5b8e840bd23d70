//! A claim's status changes (only from the status they were decided in) and the jobs' scans
//! for claims whose deadline has passed.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{AnyConnection, schema::claims};

/// The columns a status change writes. `None` leaves a column as it is; for nullable
/// columns `Some(None)` clears it.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = claims)]
pub struct StatusChange<'a> {
    pub status: &'a str,
    pub updated_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
    pub rejected_at: Option<NaiveDateTime>,
    pub dispute_used: Option<bool>,
    pub window_closes_at: Option<Option<NaiveDateTime>>,
    pub action_required_due: Option<Option<NaiveDateTime>>,
    pub ends_at: Option<Option<NaiveDateTime>>,
}

/// Moves the claim from status `from` as `change` says; false (and nothing written) when it
/// is no longer in `from` — a concurrent change won.
pub fn change_status(
    conn: &mut AnyConnection,
    claim_id: &str,
    from: &str,
    change: &StatusChange<'_>,
) -> QueryResult<bool> {
    let target = claims::table
        .filter(claims::id.eq(claim_id))
        .filter(claims::status.eq(from));
    Ok(diesel::update(target).set(change).execute(conn)? == 1)
}

/// Claims in `status` whose `deadline` column has passed, in deadline order, after the
/// `(deadline, id)` position `after`: the jobs' work, read page by page.
pub fn due(
    conn: &mut AnyConnection,
    status: &str,
    deadline: DueColumn,
    now: NaiveDateTime,
    after: Option<&(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<(String, NaiveDateTime)>> {
    // One query per deadline column (each column is its own type).
    macro_rules! page_of {
        ($column:expr) => {{
            let mut query = claims::table
                .filter(claims::status.eq(status))
                .filter($column.le(now))
                .select((claims::id, $column.assume_not_null()))
                .order(($column, claims::id))
                .limit(limit)
                .into_boxed();
            if let Some((at, id)) = after {
                query = query.filter(
                    $column
                        .gt(*at)
                        .or($column.eq(*at).and(claims::id.gt(id.clone()))),
                );
            }
            query.load(conn)
        }};
    }
    match deadline {
        DueColumn::WindowClosesAt => page_of!(claims::window_closes_at),
        DueColumn::ActionRequiredDue => page_of!(claims::action_required_due),
        DueColumn::EndsAt => page_of!(claims::ends_at),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueColumn {
    WindowClosesAt,
    ActionRequiredDue,
    EndsAt,
}
