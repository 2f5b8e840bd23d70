//! Server-side sessions, keyed by the hash of the cookie's token.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{
    AnyConnection,
    schema::{organisations, sessions, users},
    users::UserRow,
};

#[derive(Debug, Insertable)]
#[diesel(table_name = sessions)]
pub struct NewSession<'a> {
    pub id: &'a str,
    pub user_id: &'a str,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

/// A live session with its (active) user and the user's organisation name.
#[derive(Debug, Clone)]
pub struct SessionWithUser {
    pub last_seen_at: NaiveDateTime,
    pub user: UserRow,
    pub organisation_name: Option<String>,
}

pub fn insert(conn: &mut AnyConnection, session: &NewSession<'_>) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values(session)
        .execute(conn)
        .map(drop)
}

/// The session if it exists, has not expired, was seen after `idle_since` and its user is active.
pub fn find_live(
    conn: &mut AnyConnection,
    id: &str,
    now: NaiveDateTime,
    idle_since: NaiveDateTime,
) -> QueryResult<Option<SessionWithUser>> {
    // Every signed-in request runs this: loaded on the backend's own connection.
    let query = sessions::table
        .inner_join(users::table.left_join(organisations::table))
        .filter(sessions::id.eq(id))
        .filter(sessions::expires_at.gt(now))
        .filter(sessions::last_seen_at.gt(idle_since))
        .filter(users::active.eq(true))
        .select((
            sessions::last_seen_at,
            super::connection::selection::<UserRow>(),
            organisations::name.nullable(),
        ))
        .limit(1);
    let row: Option<(NaiveDateTime, UserRow, Option<String>)> =
        super::connection::load_direct(conn, query)?.pop();
    Ok(
        row.map(|(last_seen_at, user, organisation_name)| SessionWithUser {
            last_seen_at,
            user,
            organisation_name,
        }),
    )
}

pub fn touch(conn: &mut AnyConnection, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(sessions::table.find(id))
        .set(sessions::last_seen_at.eq(now))
        .execute(conn)
        .map(drop)
}

pub fn delete(conn: &mut AnyConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(sessions::table.find(id)).execute(conn)
}

pub fn delete_for_user(conn: &mut AnyConnection, user_id: &str) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn)
}

pub fn delete_expired(conn: &mut AnyConnection, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::expires_at.le(now))).execute(conn)
}
