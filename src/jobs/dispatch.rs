//! Sends the outbox: lease due rows (a short transaction), send each with no transaction
//! open, then mark it sent — or failed, retried later with exponential backoff. A row keeps
//! its Message-ID on every attempt, so a receiver can recognise a retry.

use chrono::{DateTime, Duration, Utc};

use crate::{
    mail::{Transport, transport::OutgoingMail},
    store::{DbPool, db_time, new_id, outbox},
};

/// Rows leased per round.
const BATCH: i64 = 100;
/// How long a lease protects a row; a dispatcher that dies mid-send frees it after this.
const LEASE_MINUTES: i64 = 5;
/// Attempts before a row is marked failed (and shown to administrators for retry).
pub const MAX_ATTEMPTS: i32 = 10;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    pub sent: usize,
    /// Failed this time, to be tried again later.
    pub retrying: usize,
    /// Gave up: failed too often, or the message can never be sent.
    pub failed: usize,
}

/// The wait before attempt `attempts + 1`: 1 minute, doubling, at most 6 hours.
pub fn retry_delay(attempts: i32) -> Duration {
    let exponent = attempts.clamp(0, 16) as u32;
    Duration::minutes(1i64.saturating_mul(1 << exponent).min(6 * 60))
}

pub fn run_once(
    pool: &DbPool,
    transport: &Transport,
    from: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Report> {
    let mut conn = pool.get()?;
    let mut report = Report::default();
    let lease_token = new_id();
    loop {
        let rows = outbox::lease_due(
            &mut conn,
            db_time(now),
            db_time(now + Duration::minutes(LEASE_MINUTES)),
            &lease_token,
            BATCH,
        )?;
        for row in &rows {
            let mail = OutgoingMail {
                message_id: row.message_id.clone(),
                from: from.to_owned(),
                to: row.recipient.clone(),
                subject: row.subject.clone(),
                text: row.body_text.clone(),
                html: row.body_html.clone(),
            };
            match transport.send(&mail) {
                Ok(()) => {
                    outbox::mark_sent(&mut conn, &row.id, &lease_token, db_time(now))?;
                    report.sent += 1;
                }
                Err(error) => {
                    let gave_up = error.is_permanent() || row.attempts + 1 >= MAX_ATTEMPTS;
                    let next = now + retry_delay(row.attempts);
                    let text: String = error.to_string().chars().take(500).collect();
                    outbox::mark_attempt_failed(
                        &mut conn,
                        &row.id,
                        &lease_token,
                        &text,
                        db_time(next),
                        gave_up,
                    )?;
                    tracing::warn!(outbox_id = row.id.as_str(), attempts = row.attempts + 1, gave_up, error = %text, "email not delivered");
                    if gave_up {
                        report.failed += 1;
                    } else {
                        report.retrying += 1;
                    }
                }
            }
        }
        if (rows.len() as i64) < BATCH {
            return Ok(report);
        }
    }
}
