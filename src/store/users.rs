//! Users: who may sign in, with which role, for which organisation.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::{access::Role, ids::UserId, keyset::KeysetPosition};

use super::{AnyConnection, schema::users};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    #[diesel(deserialize_as = String)]
    pub role: Role,
    pub organisation_id: Option<String>,
    pub active: bool,
    pub created_at: NaiveDateTime,
    /// The language tag the user chose; `None`: their browser's.
    pub language: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub id: &'a str,
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: Option<&'a str>,
    pub role: &'a str,
    pub organisation_id: Option<&'a str>,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub language: Option<&'a str>,
}

pub fn find(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_email(conn: &mut AnyConnection, email: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email.eq(email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut AnyConnection, user: &NewUser<'_>) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values(user)
        .execute(conn)
        .map(drop)
}

pub fn count(conn: &mut AnyConnection) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

/// A user as the administration lists them, with the organisation's name. An unknown
/// stored role is a read error, not a default.
#[derive(Debug, Clone, Queryable)]
pub struct UserLine {
    #[diesel(deserialize_as = String)]
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    #[diesel(deserialize_as = String)]
    pub role: Role,
    pub organisation_id: Option<String>,
    pub organisation_name: Option<String>,
    pub active: bool,
    pub has_password: bool,
    pub language: Option<String>,
}

/// The columns of a [`UserLine`].
#[allow(clippy::type_complexity)]
fn line_columns() -> (
    users::id,
    users::email,
    users::display_name,
    users::role,
    users::organisation_id,
    diesel::dsl::Nullable<super::schema::organisations::name>,
    users::active,
    diesel::dsl::IsNotNull<users::password_hash>,
    users::language,
) {
    use super::schema::organisations;
    (
        users::id,
        users::email,
        users::display_name,
        users::role,
        users::organisation_id,
        organisations::name.nullable(),
        users::active,
        users::password_hash.is_not_null(),
        users::language,
    )
}

/// Which users a list shows: part of the name or email, and a role.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub search: Option<String>,
    pub role: Option<Role>,
}

/// Users by name then id, after the position `after` (name, id), at most `limit`.
pub fn page(
    conn: &mut AnyConnection,
    filter: &UserFilter,
    after: Option<&KeysetPosition>,
    limit: i64,
) -> QueryResult<Vec<UserLine>> {
    use super::schema::organisations;
    let mut query = users::table
        .left_join(organisations::table)
        .order((users::display_name, users::id))
        .select(line_columns())
        .limit(limit)
        .into_boxed();
    if let Some(search) = &filter.search {
        let pattern = format!("%{}%", super::like_escaped(search));
        query = query.filter(
            super::claims::lower(users::display_name)
                .like(pattern.clone())
                .escape('\\')
                .or(users::email.like(pattern).escape('\\')),
        );
    }
    if let Some(role) = &filter.role {
        query = query.filter(users::role.eq(role.as_str()));
    }
    if let Some(KeysetPosition { value: name, id }) = after {
        query = query.filter(
            users::display_name.gt(name.clone()).or(users::display_name
                .eq(name.clone())
                .and(users::id.gt(id.clone()))),
        );
    }
    query.load(conn)
}

/// How many administrators can sign in now (active, with a password), for the rule that
/// one must remain. Call it inside the write transaction: on PostgreSQL it locks their rows,
/// so two administrators demoting each other at once cannot both succeed (SQLite's single
/// writer already serialises the two).
pub fn active_administrators(conn: &mut AnyConnection) -> QueryResult<i64> {
    let admins = users::table
        .filter(users::role.eq("administrator"))
        .filter(users::active.eq(true))
        .filter(users::password_hash.is_not_null())
        .select(users::id);
    let ids: Vec<String> = match conn {
        AnyConnection::Postgresql(pg) => admins.for_update().load(pg)?,
        AnyConnection::Sqlite(_) => admins.load(conn)?,
    };
    Ok(ids.len() as i64)
}

/// One user as the administration shows them.
pub fn find_line(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<UserLine>> {
    use super::schema::organisations;
    users::table
        .left_join(organisations::table)
        .filter(users::id.eq(id))
        .select(line_columns())
        .first(conn)
        .optional()
}

pub fn set_role(
    conn: &mut AnyConnection,
    id: &str,
    role: &str,
    organisation_id: Option<&str>,
) -> QueryResult<bool> {
    Ok(diesel::update(users::table.find(id))
        .set((
            users::role.eq(role),
            users::organisation_id.eq(organisation_id),
        ))
        .execute(conn)?
        == 1)
}

pub fn set_active(conn: &mut AnyConnection, id: &str, active: bool) -> QueryResult<bool> {
    Ok(diesel::update(users::table.find(id))
        .set(users::active.eq(active))
        .execute(conn)?
        == 1)
}

pub fn set_password_hash(conn: &mut AnyConnection, id: &str, hash: &str) -> QueryResult<bool> {
    Ok(diesel::update(users::table.find(id))
        .set(users::password_hash.eq(hash))
        .execute(conn)?
        == 1)
}

/// Sets (or with `None` clears) the user's language.
pub fn set_language(
    conn: &mut AnyConnection,
    id: &str,
    language: Option<&str>,
) -> QueryResult<bool> {
    Ok(diesel::update(users::table.find(id))
        .set(users::language.eq(language))
        .execute(conn)?
        == 1)
}
