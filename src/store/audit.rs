//! The audit trail of claims: one row per change.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{AnyConnection, schema::audit_entries};

#[derive(Debug, Insertable)]
#[diesel(table_name = audit_entries)]
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
