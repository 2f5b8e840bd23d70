//! Failed sign-ins, counted per account and per client address to throttle guessing.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{AnyConnection, new_id, schema::sign_in_failures};

pub const ACCOUNT: &str = "account";
pub const ADDRESS: &str = "address";

pub fn record(
    conn: &mut AnyConnection,
    scope: &str,
    subject: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(sign_in_failures::table)
        .values((
            sign_in_failures::id.eq(new_id()),
            sign_in_failures::scope.eq(scope),
            sign_in_failures::subject.eq(subject),
            sign_in_failures::at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

pub fn count_since(
    conn: &mut AnyConnection,
    scope: &str,
    subject: &str,
    since: NaiveDateTime,
) -> QueryResult<i64> {
    sign_in_failures::table
        .filter(sign_in_failures::scope.eq(scope))
        .filter(sign_in_failures::subject.eq(subject))
        .filter(sign_in_failures::at.gt(since))
        .count()
        .get_result(conn)
}

pub fn clear(conn: &mut AnyConnection, scope: &str, subject: &str) -> QueryResult<usize> {
    diesel::delete(
        sign_in_failures::table
            .filter(sign_in_failures::scope.eq(scope))
            .filter(sign_in_failures::subject.eq(subject)),
    )
    .execute(conn)
}

pub fn prune(conn: &mut AnyConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(sign_in_failures::table.filter(sign_in_failures::at.lt(before))).execute(conn)
}
