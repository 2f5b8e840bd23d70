//! Email deliveries for administrators: what is pending, retrying or failed, and a retry.

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::{self, Viewer},
        errors::{UnknownCode, code_enum},
    },
    mail::MailKind,
    store::{
        AnyConnection, admin_audit, db_time, from_db_time,
        outbox::{self, MailRow},
        write_transaction,
    },
};

/// The most rows the page lists (oldest first: the longest-waiting matter most).
pub const SHOWN: i64 = 200;

code_enum! {
    /// Where an undelivered email stands.
    pub enum DeliveryState: "deliveries.state" {
        /// Not tried yet.
        Pending => "pending",
        /// Tried and failed; tried again at its next attempt.
        Retrying => "retrying",
        /// Failed for good: waits for **Retry now**.
        Failed => "failed",
    }
}

impl DeliveryState {
    fn of(row: &MailRow) -> Self {
        match (row.state == outbox::FAILED, row.attempts) {
            (true, _) => DeliveryState::Failed,
            (false, 0) => DeliveryState::Pending,
            (false, _) => DeliveryState::Retrying,
        }
    }
}

/// An email not delivered yet.
pub struct Delivery {
    pub id: String,
    pub kind: MailKind,
    pub to: String,
    pub subject: String,
    pub state: DeliveryState,
    pub attempts: i32,
    /// When it is tried next (`None` once failed for good).
    pub next_attempt: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

impl TryFrom<MailRow> for Delivery {
    type Error = UnknownCode;

    fn try_from(row: MailRow) -> Result<Self, UnknownCode> {
        let state = DeliveryState::of(&row);
        Ok(Self {
            kind: MailKind::try_from(row.kind)?,
            next_attempt: (state != DeliveryState::Failed)
                .then(|| from_db_time(row.next_attempt_at)),
            id: row.id,
            to: row.recipient,
            subject: row.subject,
            state,
            attempts: row.attempts,
            last_error: row.last_error,
        })
    }
}

/// Pending, retrying and failed emails, oldest first. `None`: not an administrator.
pub fn undelivered(
    conn: &mut AnyConnection,
    viewer: &Viewer,
) -> anyhow::Result<Option<Vec<Delivery>>> {
    if !access::can_administer(viewer) {
        return Ok(None);
    }
    let deliveries = outbox::undelivered(conn, SHOWN)?
        .into_iter()
        .map(Delivery::try_from)
        .collect::<Result<_, _>>()?;
    Ok(Some(deliveries))
}

/// What an administrator can do to one undelivered email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nudge {
    /// **Send now**: a pending (or retrying) email becomes due now, so the dispatcher's
    /// next pass takes it; its attempts so far are kept (they are its history).
    SendNow,
    /// **Retry**: a failed email goes back to pending, due now, with its attempts reset to
    /// 0 — a fresh series with its backoff, not one last try that would fail it again at
    /// once (the attempt limit counts from the reset).
    Retry,
}

impl Nudge {
    /// The admin audit code (`admin.changes.<code>` in the catalogue).
    pub fn audit_action(self) -> &'static str {
        match self {
            Nudge::SendNow => "delivery.sent_now",
            Nudge::Retry => "delivery.retried",
        }
    }
}

/// Makes one email due now, with an admin audit row, in one transaction. `None`: not an
/// administrator; `Some(false)`: no such email in a state the nudge applies to.
pub fn nudge(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    nudge: Nudge,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<bool>> {
    if !access::can_administer(viewer) {
        return Ok(None);
    }
    let at = db_time(now);
    let done = write_transaction(conn, |c| -> anyhow::Result<bool> {
        let changed = match nudge {
            Nudge::SendNow => outbox::send_now(c, id, at)?,
            Nudge::Retry => outbox::retry_now(c, id, at)?,
        };
        if changed {
            let to = outbox::recipient_of(c, id)?.unwrap_or_default();
            admin_audit::record(
                c,
                Some(viewer.user.as_str()),
                nudge.audit_action(),
                id,
                Some(&to),
                at,
            )?;
        }
        Ok(changed)
    })?;
    if done {
        tracing::info!(
            outbox_id = id,
            user_id = viewer.user.as_str(),
            action = nudge.audit_action(),
            "email made due now"
        );
    }
    Ok(Some(done))
}
