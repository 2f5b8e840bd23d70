//! Personal API tokens, keyed by the hash of the token (the token itself is never stored).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::api_tokens::TokenScope;

use super::{
    AnyConnection,
    schema::{api_tokens, organisations, users},
    users::UserRow,
};

#[derive(Debug, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct NewApiToken<'a> {
    pub id: &'a str,
    pub user_id: &'a str,
    pub name: &'a str,
    pub token_hash: &'a str,
    pub scope: &'a str,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    /// The form it was made from, when one said.
    pub request_id: Option<&'a str>,
}

/// A token as its owner's list shows it.
#[derive(Debug, Clone, Queryable)]
pub struct TokenLine {
    pub id: String,
    pub name: String,
    #[diesel(deserialize_as = String)]
    pub scope: TokenScope,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

/// A working token with its (active) user, as a request made with it acts.
#[derive(Debug, Clone)]
pub struct TokenWithUser {
    pub id: String,
    pub scope: TokenScope,
    pub last_used_at: Option<NaiveDateTime>,
    pub user: UserRow,
    pub organisation_name: Option<String>,
}

pub fn insert(conn: &mut AnyConnection, token: &NewApiToken<'_>) -> QueryResult<()> {
    diesel::insert_into(api_tokens::table)
        .values(token)
        .execute(conn)
        .map(drop)
}

/// Whether the user already made a token from the form `request_id`.
pub fn made_from(conn: &mut AnyConnection, user_id: &str, request_id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        api_tokens::table
            .filter(api_tokens::user_id.eq(user_id))
            .filter(api_tokens::request_id.eq(request_id)),
    ))
    .get_result(conn)
}

/// The user's tokens, newest first.
pub fn of_user(conn: &mut AnyConnection, user_id: &str) -> QueryResult<Vec<TokenLine>> {
    api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .order((api_tokens::created_at.desc(), api_tokens::id.desc()))
        .select((
            api_tokens::id,
            api_tokens::name,
            api_tokens::scope,
            api_tokens::created_at,
            api_tokens::expires_at,
            api_tokens::last_used_at,
            api_tokens::revoked_at,
        ))
        .load(conn)
}

/// How many of the user's tokens still work at `now`.
pub fn count_active(
    conn: &mut AnyConnection,
    user_id: &str,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .filter(api_tokens::revoked_at.is_null())
        .filter(api_tokens::expires_at.gt(now))
        .count()
        .get_result(conn)
}

/// Revokes one of the user's own working tokens; the number of rows changed (0: no such
/// token of theirs, or it was revoked already).
pub fn revoke(
    conn: &mut AnyConnection,
    user_id: &str,
    id: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        api_tokens::table
            .filter(api_tokens::id.eq(id))
            .filter(api_tokens::user_id.eq(user_id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(now))
    .execute(conn)
}

/// Ends every working token of the user (deactivated, or given another role or
/// organisation: a token must not carry the old access over, nor come back with the user).
pub fn revoke_all_for_user(
    conn: &mut AnyConnection,
    user_id: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        api_tokens::table
            .filter(api_tokens::user_id.eq(user_id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(now))
    .execute(conn)
}

/// Serialises the changes to one user's tokens on PostgreSQL (a transaction-scoped advisory
/// lock), so a count and the insert it allows cannot interleave with another's; SQLite's
/// write transactions are serial already.
pub fn lock_user(conn: &mut AnyConnection, user_id: &str) -> QueryResult<()> {
    if let AnyConnection::Postgresql(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(18003, hashtext($1))")
            .bind::<diesel::sql_types::Text, _>(user_id)
            .execute(pg)?;
    }
    Ok(())
}

/// The token with this hash if it is neither revoked nor expired and its user is active.
pub fn find_working(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<TokenWithUser>> {
    type Found = (
        String,
        String,
        Option<NaiveDateTime>,
        UserRow,
        Option<String>,
    );
    let row: Option<Found> = api_tokens::table
        .inner_join(users::table.left_join(organisations::table))
        .filter(api_tokens::token_hash.eq(token_hash))
        .filter(api_tokens::revoked_at.is_null())
        .filter(api_tokens::expires_at.gt(now))
        .filter(users::active.eq(true))
        .select((
            api_tokens::id,
            api_tokens::scope,
            api_tokens::last_used_at,
            super::connection::selection::<UserRow>(),
            organisations::name.nullable(),
        ))
        .first(conn)
        .optional()?;
    let Some((id, scope, last_used_at, user, organisation_name)) = row else {
        return Ok(None);
    };
    let scope = TokenScope::parse(&scope).ok_or_else(|| {
        diesel::result::Error::DeserializationError(format!("unknown token scope {scope}").into())
    })?;
    Ok(Some(TokenWithUser {
        id,
        scope,
        last_used_at,
        user,
        organisation_name,
    }))
}

pub fn touch(conn: &mut AnyConnection, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(api_tokens::table.find(id))
        .set(api_tokens::last_used_at.eq(now))
        .execute(conn)
        .map(drop)
}
