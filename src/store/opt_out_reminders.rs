//! The reminders sent to customers before their opt-out window closes: one row per window,
//! whose key keeps a second instance from sending the same reminder again.

use chrono::NaiveDateTime;
use diesel::{
    dsl::{exists, not},
    prelude::*,
    result::{DatabaseErrorKind, Error},
};

use super::{
    AnyConnection,
    schema::{claims, opt_out_reminders as reminders},
};

/// Claims waiting for their customer whose window closes after `now` and no later than
/// `until`, not yet reminded for that window: `(claim id, window close)`, soonest first.
pub fn candidates(
    conn: &mut AnyConnection,
    pending_status: &str,
    now: NaiveDateTime,
    until: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<(String, NaiveDateTime)>> {
    claims::table
        .filter(claims::status.eq(pending_status))
        .filter(claims::window_closes_at.gt(now))
        .filter(claims::window_closes_at.le(until))
        .filter(not(exists(
            reminders::table
                .filter(reminders::claim_id.eq(claims::id))
                .filter(
                    reminders::window_closes_at
                        .nullable()
                        .eq(claims::window_closes_at),
                ),
        )))
        .select((claims::id, claims::window_closes_at.assume_not_null()))
        .order((claims::window_closes_at, claims::id))
        .limit(limit)
        .load(conn)
}

/// Records the reminder of this window; `false` when it was recorded already (by another
/// instance a moment ago): the caller's transaction must then write nothing else.
pub fn record(
    conn: &mut AnyConnection,
    claim_id: &str,
    window_closes_at: NaiveDateTime,
    sent_at: NaiveDateTime,
) -> QueryResult<bool> {
    let inserted = diesel::insert_into(reminders::table)
        .values((
            reminders::claim_id.eq(claim_id),
            reminders::window_closes_at.eq(window_closes_at),
            reminders::sent_at.eq(sent_at),
        ))
        .execute(conn);
    match inserted {
        Ok(_) => Ok(true),
        Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(false),
        Err(other) => Err(other),
    }
}
