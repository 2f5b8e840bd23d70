//! Figures for the administrators' status overview.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{
    AnyConnection,
    schema::{claims, outbox},
};

/// Claims per (status, programme). A grouped scan: the overview is not a hot page.
pub fn claims_by_status_and_programme(
    conn: &mut AnyConnection,
) -> QueryResult<Vec<(String, String, i64)>> {
    claims::table
        .group_by((claims::status, claims::programme))
        .select((claims::status, claims::programme, diesel::dsl::count_star()))
        .order((claims::status, claims::programme))
        .load(conn)
}

/// Claims pending the customer whose window closes in `[from, to)`, soonest first.
pub fn windows_closing(
    conn: &mut AnyConnection,
    from: NaiveDateTime,
    to: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<(String, String, NaiveDateTime)>> {
    claims::table
        .filter(claims::status.eq("pending_customer"))
        .filter(claims::window_closes_at.ge(from))
        .filter(claims::window_closes_at.lt(to))
        .order((claims::window_closes_at, claims::id))
        .select((
            claims::id,
            claims::name,
            claims::window_closes_at.assume_not_null(),
        ))
        .limit(limit)
        .load(conn)
}

/// Outbox rows per state other than sent.
pub fn undelivered_by_state(conn: &mut AnyConnection) -> QueryResult<Vec<(String, i64)>> {
    outbox::table
        .filter(outbox::state.ne(super::outbox::SENT))
        .group_by(outbox::state)
        .select((outbox::state, diesel::dsl::count_star()))
        .load(conn)
}
