//! How far behind the outbox is, for `/metrics`: read through the `outbox_due` index
//! (state, next attempt).

use chrono::NaiveDateTime;
use diesel::{
    dsl::{count_star, min},
    prelude::*,
};

use super::{
    AnyConnection,
    outbox::{FAILED, PENDING},
    schema::outbox,
};

pub struct Depth {
    /// Emails still to be sent (due now or waiting for their next attempt).
    pub pending: i64,
    /// Of those, the ones due now.
    pub due: i64,
    /// When the longest-waiting due email became due.
    pub oldest_due: Option<NaiveDateTime>,
    /// Emails given up on, until an administrator retries them.
    pub failed: i64,
}

pub fn depth(conn: &mut AnyConnection, now: NaiveDateTime) -> QueryResult<Depth> {
    let pending = outbox::table
        .filter(outbox::state.eq(PENDING))
        .count()
        .get_result(conn)?;
    let (due, oldest_due) = outbox::table
        .filter(outbox::state.eq(PENDING))
        .filter(outbox::next_attempt_at.le(now))
        .select((count_star(), min(outbox::next_attempt_at)))
        .get_result(conn)?;
    let failed = outbox::table
        .filter(outbox::state.eq(FAILED))
        .count()
        .get_result(conn)?;
    Ok(Depth {
        pending,
        due,
        oldest_due,
        failed,
    })
}
