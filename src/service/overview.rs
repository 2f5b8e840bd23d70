//! The administrators' status overview: claims per status and programme, windows closing
//! today, email deliveries waiting, and the latest administration changes.

use chrono::{DateTime, Utc};

use crate::domain::{claim::Status, programme::Programme};
use crate::store::{
    AnyConnection,
    admin_audit::{self, AuditLine},
    db_time, from_db_time, organisations, overview, users,
};

use super::context::Context;

pub struct AdminOverview {
    pub organisations: i64,
    pub users: i64,
    /// (status, programme, claims)
    pub claims: Vec<(Status, Programme, i64)>,
    /// (claim id, name, closes at) for windows closing today in the calendar's zone.
    pub closing_today: Vec<(String, String, DateTime<Utc>)>,
    pub pending_mail: i64,
    pub failed_mail: i64,
    pub recent_changes: Vec<AdminChange>,
}

/// One administrator's change, newest first on the overview.
pub struct AdminChange {
    /// `None` for a change made on the command line.
    pub actor_name: Option<String>,
    /// The change's code (`admin.changes.<action>` in the catalogue).
    pub action: String,
    pub subject: String,
    pub detail: Option<String>,
    pub at: DateTime<Utc>,
}

impl From<AuditLine> for AdminChange {
    fn from(line: AuditLine) -> Self {
        AdminChange {
            actor_name: line.actor_name,
            action: line.action,
            subject: line.subject,
            detail: line.detail,
            at: from_db_time(line.at),
        }
    }
}

pub fn admin_overview(
    conn: &mut AnyConnection,
    ctx: &Context,
    now: DateTime<Utc>,
) -> anyhow::Result<AdminOverview> {
    let calendar = ctx.calendar(conn)?;
    let today = calendar.local_date(now)?;
    let (from, to) = (calendar.start_of_day(today)?, calendar.end_of_day(today)?);
    let mail = overview::undelivered_by_state(conn)?;
    let count_of = |state: &str| mail.iter().find(|(s, _)| s == state).map_or(0, |(_, n)| *n);
    Ok(AdminOverview {
        organisations: organisations::count(conn)?,
        users: users::count(conn)?,
        claims: overview::claims_by_status_and_programme(conn)?
            .into_iter()
            .map(|(status, programme, count)| {
                Ok((
                    Status::try_from(status)?,
                    Programme::try_from(programme)?,
                    count,
                ))
            })
            .collect::<anyhow::Result<_>>()?,
        closing_today: overview::windows_closing(conn, db_time(from), db_time(to), 50)?
            .into_iter()
            .map(|(id, name, at)| (id, name, at.and_utc()))
            .collect(),
        pending_mail: count_of(crate::store::outbox::PENDING),
        failed_mail: count_of(crate::store::outbox::FAILED),
        recent_changes: admin_audit::latest(conn, 10)?
            .into_iter()
            .map(AdminChange::from)
            .collect(),
    })
}
