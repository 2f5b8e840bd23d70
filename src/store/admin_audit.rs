//! The record of administrators' changes: who, what, when.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{AnyConnection, new_id, schema::admin_audit};

/// One change: `action` is a code (`holiday.added`), `subject` what it touched.
pub fn record(
    conn: &mut AnyConnection,
    actor_user_id: Option<&str>,
    action: &str,
    subject: &str,
    detail: Option<&str>,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(admin_audit::table)
        .values((
            admin_audit::id.eq(new_id()),
            admin_audit::actor_user_id.eq(actor_user_id),
            admin_audit::action.eq(action),
            admin_audit::subject.eq(subject),
            admin_audit::detail.eq(detail),
            admin_audit::at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

#[derive(Debug, Clone, Queryable)]
pub struct AuditLine {
    pub actor_name: Option<String>,
    pub action: String,
    pub subject: String,
    pub detail: Option<String>,
    pub at: NaiveDateTime,
}

/// The newest changes first.
pub fn latest(conn: &mut AnyConnection, limit: i64) -> QueryResult<Vec<AuditLine>> {
    use super::schema::users;
    admin_audit::table
        .left_join(users::table.on(users::id.nullable().eq(admin_audit::actor_user_id)))
        .order((admin_audit::at.desc(), admin_audit::id.desc()))
        .select((
            users::display_name.nullable(),
            admin_audit::action,
            admin_audit::subject,
            admin_audit::detail,
            admin_audit::at,
        ))
        .limit(limit)
        .load(conn)
}
