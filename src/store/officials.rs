//! Official associations: one active row per exclusivity key, enforced by a partial unique
//! index, so two instances racing to make one key official cannot both succeed.

use chrono::NaiveDateTime;
use diesel::{
    prelude::*,
    result::{DatabaseErrorKind, Error},
};

use super::{AnyConnection, schema::official_associations as oa};

/// `None` is written as NULL (these columns have no other default): with no DEFAULT in
/// them, many rows go in one `INSERT` on SQLite too.
#[derive(Debug, Insertable)]
#[diesel(table_name = oa, treat_none_as_default_value = false)]
pub struct NewOfficial<'a> {
    pub id: &'a str,
    pub association_key: &'a str,
    pub claim_id: &'a str,
    pub organisation_id: &'a str,
    pub programme: &'a str,
    pub tenant_id: &'a str,
    pub starts_at: NaiveDateTime,
    pub ends_at: Option<NaiveDateTime>,
}

/// Why an official association was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum InsertOfficialError {
    /// Another claim holds the key now (the unique index said so).
    #[error("the key is already held")]
    KeyTaken,
    #[error(transparent)]
    Database(#[from] Error),
}

pub fn insert(conn: &mut AnyConnection, row: &NewOfficial<'_>) -> Result<(), InsertOfficialError> {
    match diesel::insert_into(oa::table).values(row).execute(conn) {
        Ok(_) => Ok(()),
        Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
            Err(InsertOfficialError::KeyTaken)
        }
        Err(other) => Err(other.into()),
    }
}

/// An active official association, as the domain's exclusivity check needs it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = oa)]
pub struct OfficialRow {
    pub association_key: String,
    pub claim_id: String,
    pub organisation_id: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: Option<NaiveDateTime>,
}

/// The active rows holding any of `keys`.
pub fn active_for_keys(conn: &mut AnyConnection, keys: &[String]) -> QueryResult<Vec<OfficialRow>> {
    oa::table
        .filter(oa::ended_at.is_null())
        .filter(oa::association_key.eq_any(keys))
        .select(OfficialRow::as_select())
        .load(conn)
}

/// The active rows of a tenant (every programme), for the review page.
pub fn active_for_tenant(
    conn: &mut AnyConnection,
    tenant_id: &str,
) -> QueryResult<Vec<OfficialRow>> {
    oa::table
        .filter(oa::tenant_id.eq(tenant_id))
        .filter(oa::ended_at.is_null())
        .order((oa::association_key, oa::id))
        .select(OfficialRow::as_select())
        .load(conn)
}

/// Ends the claim's active associations (expiry, or withdrawal after it became official).
pub fn end_for_claim(
    conn: &mut AnyConnection,
    claim_id: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        oa::table
            .filter(oa::claim_id.eq(claim_id))
            .filter(oa::ended_at.is_null()),
    )
    .set(oa::ended_at.eq(at))
    .execute(conn)
}

/// Ends every active association whose subscription has ended, freeing its key.
pub fn end_due(conn: &mut AnyConnection, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        oa::table
            .filter(oa::ended_at.is_null())
            .filter(oa::ends_at.le(now)),
    )
    .set(oa::ended_at.eq(now))
    .execute(conn)
}

/// How many associations hold `key` actively (0 or 1, by the index).
pub fn active_count(conn: &mut AnyConnection, key: &str) -> QueryResult<i64> {
    oa::table
        .filter(oa::association_key.eq(key))
        .filter(oa::ended_at.is_null())
        .count()
        .get_result(conn)
}
