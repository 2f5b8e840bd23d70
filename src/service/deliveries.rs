//! Email deliveries for administrators: what is pending, retrying or failed, and a retry.

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::{self, Viewer},
        errors::{UnknownCode, code_enum},
    },
    mail::MailKind,
    store::{
        AnyConnection, db_time, from_db_time,
        outbox::{self, MailRow},
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

/// Puts a failed delivery back in the queue, due now; false when it is not failed.
pub fn retry(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<bool>> {
    if !access::can_administer(viewer) {
        return Ok(None);
    }
    let retried = outbox::retry_now(conn, id, db_time(now))?;
    if retried {
        tracing::info!(
            outbox_id = id,
            user_id = viewer.user.as_str(),
            "failed email queued again"
        );
    }
    Ok(Some(retried))
}
