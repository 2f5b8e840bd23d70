//! Sign-in attempts, counted per account and per client address to throttle guessing. An
//! attempt is recorded before its password is checked (and removed again when it succeeds),
//! in the transaction that counted the earlier ones: see [`lock`].

use chrono::NaiveDateTime;
use diesel::{prelude::*, sql_types::Integer, sql_types::Text};

use super::{AnyConnection, new_id, schema::sign_in_failures};

pub const ACCOUNT: &str = "account";
pub const ADDRESS: &str = "address";

/// Holds the counter of `subject` in `scope` until the transaction ends, so that counting
/// and recording an attempt is one step: on PostgreSQL a transaction-scoped advisory lock
/// (accounts before addresses, so two attempts never wait on each other in a circle); on
/// SQLite the write transaction already admits one writer at a time.
pub fn lock(conn: &mut AnyConnection, scope: &str, subject: &str) -> QueryResult<()> {
    if let AnyConnection::Postgresql(pg) = conn {
        let class = if scope == ACCOUNT { 18_001 } else { 18_002 };
        diesel::sql_query("SELECT pg_advisory_xact_lock($1, hashtext($2))")
            .bind::<Integer, _>(class)
            .bind::<Text, _>(subject)
            .execute(pg)?;
    }
    Ok(())
}

/// Records an attempt; returns its id.
pub fn record(
    conn: &mut AnyConnection,
    scope: &str,
    subject: &str,
    at: NaiveDateTime,
) -> QueryResult<String> {
    let id = new_id();
    diesel::insert_into(sign_in_failures::table)
        .values((
            sign_in_failures::id.eq(&id),
            sign_in_failures::scope.eq(scope),
            sign_in_failures::subject.eq(subject),
            sign_in_failures::at.eq(at),
        ))
        .execute(conn)?;
    Ok(id)
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

/// Removes one recorded attempt (one that turned out to succeed).
pub fn delete(conn: &mut AnyConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(sign_in_failures::table.find(id)).execute(conn)
}

pub fn prune(conn: &mut AnyConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(sign_in_failures::table.filter(sign_in_failures::at.lt(before))).execute(conn)
}
