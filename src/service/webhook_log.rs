//! An endpoint's delivery log, and **Resend** (refused while the endpoint is off).

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::Viewer,
        webhooks::{self, WebhookEvent},
    },
    store::{
        AnyConnection, db_time, from_db_time,
        webhook_deliveries::{self, LogLine},
        write_transaction,
    },
};

use super::webhooks::{EndpointView, audit, on_owned};

/// How many deliveries the log shows.
const LOG_LINES: i64 = 100;

/// One line of the delivery log.
#[derive(Debug, Clone)]
pub struct DeliveryLine {
    pub id: String,
    pub event: Option<WebhookEvent>,
    pub claim_id: String,
    pub claim_name: String,
    pub state: String,
    pub attempts: i32,
    pub last_status: Option<i32>,
    /// Why the last attempt got no answer, as the log may show it (see [`webhooks::shown_error`]).
    pub last_error: Option<String>,
    /// When it is tried next, while it is pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<LogLine> for DeliveryLine {
    fn from(line: LogLine) -> Self {
        let pending = line.state == webhook_deliveries::PENDING;
        DeliveryLine {
            event: WebhookEvent::parse(&line.event),
            next_attempt_at: pending.then(|| from_db_time(line.next_attempt_at)),
            delivered_at: line.delivered_at.map(from_db_time),
            created_at: from_db_time(line.created_at),
            id: line.id,
            claim_id: line.claim_id,
            claim_name: line.claim_name,
            state: line.state,
            attempts: line.attempts,
            last_status: line.last_status,
            last_error: line.last_error.as_deref().map(webhooks::shown_error),
        }
    }
}

/// One of the viewer's endpoints with its newest deliveries.
pub fn deliveries(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<(EndpointView, Vec<DeliveryLine>)>> {
    on_owned(conn, viewer, id, |c, row| {
        let lines = webhook_deliveries::log(c, id, LOG_LINES)?;
        Ok((
            EndpointView::of(row, now),
            lines.into_iter().map(DeliveryLine::from).collect(),
        ))
    })
}

/// What **Resend** did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resend {
    Resent,
    /// Refused: nothing is sent to an endpoint that is off.
    EndpointOff,
    NotFound,
}

/// Sends a delivery of one of the viewer's endpoints again (same `webhook-id`), due now;
/// refused while the endpoint is off.
pub fn resend(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    endpoint_id: &str,
    delivery_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Resend> {
    write_transaction(conn, |c| {
        let resent = on_owned(c, viewer, endpoint_id, |c, row| {
            if !row.enabled {
                return Ok(Resend::EndpointOff);
            }
            let at = db_time(now);
            let found = webhook_deliveries::resend(c, endpoint_id, delivery_id, at)?;
            Ok(if found {
                Resend::Resent
            } else {
                Resend::NotFound
            })
        })?;
        let resent = resent.unwrap_or(Resend::NotFound);
        if resent == Resend::Resent {
            audit(c, viewer, "webhook.resent", delivery_id, None, now)?;
        }
        Ok(resent)
    })
}
