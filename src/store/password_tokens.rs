//! One-time set-password links: only the token's hash is stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{AnyConnection, schema::password_tokens};

pub fn insert(
    conn: &mut AnyConnection,
    token_hash: &str,
    user_id: &str,
    purpose: &str,
    expires_at: NaiveDateTime,
    created_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(password_tokens::table)
        .values((
            password_tokens::token_hash.eq(token_hash),
            password_tokens::user_id.eq(user_id),
            password_tokens::purpose.eq(purpose),
            password_tokens::expires_at.eq(expires_at),
            password_tokens::created_at.eq(created_at),
        ))
        .execute(conn)
        .map(drop)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = password_tokens)]
pub struct TokenRow {
    pub user_id: String,
    pub purpose: String,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

pub fn find(conn: &mut AnyConnection, token_hash: &str) -> QueryResult<Option<TokenRow>> {
    password_tokens::table
        .find(token_hash)
        .select(TokenRow::as_select())
        .first(conn)
        .optional()
}

/// Uses the token; false when it was used already (a second, concurrent use loses).
pub fn mark_used(
    conn: &mut AnyConnection,
    token_hash: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    Ok(diesel::update(
        password_tokens::table
            .find(token_hash)
            .filter(password_tokens::used_at.is_null()),
    )
    .set(password_tokens::used_at.eq(at))
    .execute(conn)?
        == 1)
}

/// Ends every unused link of the user (a new one replaces them; a deactivated user has none).
pub fn revoke_for_user(
    conn: &mut AnyConnection,
    user_id: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        password_tokens::table
            .filter(password_tokens::user_id.eq(user_id))
            .filter(password_tokens::used_at.is_null()),
    )
    .set(password_tokens::used_at.eq(at))
    .execute(conn)
}

/// Which of `user_ids` hold a link that still works at `now`.
pub fn users_with_live_link(
    conn: &mut AnyConnection,
    user_ids: &[String],
    now: NaiveDateTime,
) -> QueryResult<Vec<String>> {
    password_tokens::table
        .filter(password_tokens::user_id.eq_any(user_ids))
        .filter(password_tokens::used_at.is_null())
        .filter(password_tokens::expires_at.gt(now))
        .select(password_tokens::user_id)
        .distinct()
        .load(conn)
}
