//! The answers stored per (user, `Idempotency-Key`) of API requests
//! (see [`crate::domain::idempotency`]).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::idempotency::{KeyRecord, StoredAnswer};

use super::{AnyConnection, from_db_time, schema::api_idempotency_keys as keys};

#[derive(Debug, Insertable)]
#[diesel(table_name = keys)]
pub struct NewKey<'a> {
    pub user_id: &'a str,
    pub idempotency_key: &'a str,
    pub fingerprint: &'a str,
    pub created_at: NaiveDateTime,
    pub locked_until: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

type Row = (
    String,
    Option<i32>,
    Option<String>,
    Option<String>,
    Option<String>,
    NaiveDateTime,
    NaiveDateTime,
);

/// What is stored for the user's key, and its answer when the request finished.
pub fn find(
    conn: &mut AnyConnection,
    user_id: &str,
    key: &str,
) -> QueryResult<Option<(KeyRecord, Option<StoredAnswer>)>> {
    let row: Option<Row> = keys::table
        .filter(keys::user_id.eq(user_id))
        .filter(keys::idempotency_key.eq(key))
        .select((
            keys::fingerprint,
            keys::status_code,
            keys::location,
            keys::content_type,
            keys::body,
            keys::locked_until,
            keys::expires_at,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(
        |(fingerprint, status, location, content_type, body, locked_until, expires_at)| {
            let answer = status.map(|status_code| StoredAnswer {
                status_code,
                location,
                content_type: content_type.unwrap_or_default(),
                body: body.unwrap_or_default(),
            });
            let record = KeyRecord {
                fingerprint,
                finished: answer.is_some(),
                locked_until: from_db_time(locked_until),
                expires_at: from_db_time(expires_at),
            };
            (record, answer)
        },
    ))
}

/// Takes a key for a request (a concurrent insert of the same key breaks the primary key).
pub fn insert(conn: &mut AnyConnection, key: &NewKey<'_>) -> QueryResult<()> {
    diesel::insert_into(keys::table)
        .values(key)
        .execute(conn)
        .map(drop)
}

/// Stores the answer of the request holding the key.
pub fn finish(
    conn: &mut AnyConnection,
    user_id: &str,
    key: &str,
    answer: &StoredAnswer,
) -> QueryResult<usize> {
    diesel::update(
        keys::table
            .filter(keys::user_id.eq(user_id))
            .filter(keys::idempotency_key.eq(key)),
    )
    .set((
        keys::status_code.eq(Some(answer.status_code)),
        keys::location.eq(answer.location.as_deref()),
        keys::content_type.eq(Some(answer.content_type.as_str())),
        keys::body.eq(Some(answer.body.as_str())),
    ))
    .execute(conn)
}

/// Gives up the user's key (its request failed without an answer worth keeping).
pub fn remove(conn: &mut AnyConnection, user_id: &str, key: &str) -> QueryResult<usize> {
    diesel::delete(
        keys::table
            .filter(keys::user_id.eq(user_id))
            .filter(keys::idempotency_key.eq(key)),
    )
    .execute(conn)
}

/// Removes every key whose answer expired by `now`.
pub fn remove_expired(conn: &mut AnyConnection, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(keys::table.filter(keys::expires_at.le(now))).execute(conn)
}

/// How many keys are stored (for tests and metrics).
pub fn count(conn: &mut AnyConnection) -> QueryResult<i64> {
    keys::table.count().get_result(conn)
}
