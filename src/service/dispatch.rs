//! Sends the outbox: lease due rows (a short transaction), send each with no transaction
//! open, then mark it sent — or failed, retried later with exponential backoff. A row keeps
//! its Message-ID on every attempt, so a receiver can recognise a retry.

use std::{
    sync::{
        atomic::{AtomicUsize, Ordering},
        mpsc,
    },
    time::Instant,
};

use chrono::{DateTime, Duration, Utc};

use crate::{
    mail::{SendError, Transport, transport::OutgoingMail},
    store::{
        AnyConnection, DbPool, db_time, new_id,
        outbox::{self, MailRow},
    },
};

/// Rows leased per round: small enough that a round ends well inside its lease even when
/// every send waits for the SMTP timeout (64 / 16 senders × 20 s = 80 s < 5 minutes).
const BATCH: i64 = 64;
/// How long a lease protects a row; a dispatcher that dies mid-send frees it after this.
const LEASE_MINUTES: i64 = 5;
/// Messages in flight at once, one per SMTP connection.
const SENDERS: usize = crate::mail::transport::MAX_CONNECTIONS as usize;
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
    let started = Instant::now();
    loop {
        // A lease counts from when it is taken, not from when the pass began.
        let elapsed = Duration::from_std(started.elapsed()).unwrap_or(Duration::zero());
        let rows = outbox::lease_due(
            &mut conn,
            db_time(now),
            db_time(now + elapsed + Duration::minutes(LEASE_MINUTES)),
            &lease_token,
            BATCH,
        )?;
        let (results, received) = mpsc::channel();
        let next = AtomicUsize::new(0);
        // SMTP is latency-bound (each message waits for the server's reply), so several
        // senders share the batch; this thread records each result as it arrives.
        std::thread::scope(|scope| -> anyhow::Result<()> {
            for _ in 0..SENDERS.min(rows.len()) {
                let (results, next, rows) = (results.clone(), &next, &rows);
                scope.spawn(move || {
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(row) = rows.get(index) else { break };
                        if results
                            .send((index, transport.send(&outgoing(row, from))))
                            .is_err()
                        {
                            break;
                        }
                    }
                });
            }
            drop(results);
            for (index, outcome) in received {
                record(
                    &mut conn,
                    &rows[index],
                    &lease_token,
                    outcome,
                    now,
                    &mut report,
                )?;
            }
            Ok(())
        })?;
        if (rows.len() as i64) < BATCH {
            return Ok(report);
        }
    }
}

fn outgoing(row: &MailRow, from: &str) -> OutgoingMail {
    OutgoingMail {
        message_id: row.message_id.clone(),
        from: from.to_owned(),
        to: row.recipient.clone(),
        subject: row.subject.clone(),
        text: row.body_text.clone(),
        html: row.body_html.clone(),
    }
}

/// Marks the row sent, or records the failed attempt and when to try again.
fn record(
    conn: &mut AnyConnection,
    row: &MailRow,
    lease_token: &str,
    outcome: Result<(), SendError>,
    now: DateTime<Utc>,
    report: &mut Report,
) -> anyhow::Result<()> {
    match outcome {
        Ok(()) => {
            if outbox::mark_sent(conn, &row.id, lease_token, db_time(now))? {
                report.sent += 1;
            } else {
                // Another dispatcher took the row over after our lease ran out.
                tracing::warn!(outbox_id = row.id.as_str(), "lease lost while sending");
            }
        }
        Err(error) => {
            let gave_up = error.is_permanent() || row.attempts + 1 >= MAX_ATTEMPTS;
            let next = now + retry_delay(row.attempts);
            let text: String = error.to_string().chars().take(500).collect();
            outbox::mark_attempt_failed(conn, &row.id, lease_token, &text, db_time(next), gave_up)?;
            tracing::warn!(outbox_id = row.id.as_str(), attempts = row.attempts + 1, gave_up, error = %text, "email not delivered");
            if gave_up {
                report.failed += 1;
            } else {
                report.retrying += 1;
            }
        }
    }
    Ok(())
}
