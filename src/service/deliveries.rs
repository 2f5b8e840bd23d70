//! Email deliveries for administrators: what is pending, retrying or failed, and a retry.

use chrono::{DateTime, Utc};

use crate::{
    domain::access::{self, Viewer},
    store::{
        AnyConnection, db_time,
        outbox::{self, MailRow},
    },
};

/// The most rows the page lists (oldest first: the longest-waiting matter most).
pub const SHOWN: i64 = 200;

pub fn undelivered(
    conn: &mut AnyConnection,
    viewer: &Viewer,
) -> anyhow::Result<Option<Vec<MailRow>>> {
    if !access::can_administer(viewer) {
        return Ok(None);
    }
    Ok(Some(outbox::undelivered(conn, SHOWN)?))
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
