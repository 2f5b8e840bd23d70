//! The audit trail of claims: one row per change.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{AnyConnection, schema::audit_entries};

/// `None` is written as NULL (these columns have no other default): with no DEFAULT in
/// them, many rows go in one `INSERT` on SQLite too.
#[derive(Debug, Insertable)]
#[diesel(table_name = audit_entries, treat_none_as_default_value = false)]
pub struct NewAuditEntry<'a> {
    pub id: &'a str,
    pub claim_id: &'a str,
    pub actor_kind: &'a str,
    pub actor_user_id: Option<&'a str>,
    pub from_status: Option<&'a str>,
    pub to_status: &'a str,
    pub reason_code: Option<&'a str>,
    pub reason_text: Option<&'a str>,
    pub at: NaiveDateTime,
}

pub fn insert(conn: &mut AnyConnection, entry: &NewAuditEntry<'_>) -> QueryResult<()> {
    diesel::insert_into(audit_entries::table)
        .values(entry)
        .execute(conn)
        .map(drop)
}

/// A history line with the acting user's name (none for the system or the customer link).
#[derive(Debug, Clone, Queryable)]
pub struct HistoryRow {
    pub actor_kind: String,
    pub actor_name: Option<String>,
    pub from_status: Option<String>,
    pub to_status: String,
    pub reason_code: Option<String>,
    pub reason_text: Option<String>,
    pub at: NaiveDateTime,
}

pub fn history(conn: &mut AnyConnection, claim_id: &str) -> QueryResult<Vec<HistoryRow>> {
    use super::schema::users;
    audit_entries::table
        .left_join(users::table.on(users::id.nullable().eq(audit_entries::actor_user_id)))
        .filter(audit_entries::claim_id.eq(claim_id))
        .order((audit_entries::at, audit_entries::id))
        .select((
            audit_entries::actor_kind,
            users::display_name.nullable(),
            audit_entries::from_status,
            audit_entries::to_status,
            audit_entries::reason_code,
            audit_entries::reason_text,
            audit_entries::at,
        ))
        .load(conn)
}

/// A history line that gave a reason: where it led, the code and what was written.
#[derive(Debug, Clone, Queryable)]
pub struct ReasonRow {
    pub to_status: String,
    pub reason_code: String,
    pub reason_text: Option<String>,
}
