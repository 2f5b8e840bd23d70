//! Sends the outbox: lease due rows (a short transaction), mark each row "sending" just
//! before handing it to the mail server, send with no transaction open, then mark it sent —
//! or failed, retried later with exponential backoff. A row keeps its Message-ID on every
//! attempt, so a receiver can recognise a retry.
//!
//! A lease names its dispatcher ([`Runner`]). When a dispatcher is gone (it crashed, or was
//! killed), the next pass of any other releases its leases at once: rows it had not begun
//! to send are simply due again; rows it was sending may have reached the mail server, and
//! are sent again with the same Message-ID, their `interrupted_sends` counted. A dispatcher
//! that stops gracefully finishes the messages in flight and gives back the rest.

use std::{
    sync::{
        atomic::{AtomicBool, AtomicUsize, Ordering},
        mpsc,
    },
    time::Instant,
};

use chrono::{DateTime, Duration, Utc};

use crate::{
    config::DatabaseUrl,
    mail::{SendError, Transport, transport::OutgoingMail},
    store::{
        AnyConnection, DbPool, db_time,
        outbox::{self, MailRow},
        runners::Alive,
        write_transaction,
    },
};

/// Rows leased per round: small enough that a round ends well inside its lease even when
/// every send waits for the SMTP timeout (64 / 16 senders × 20 s = 80 s < 5 minutes).
const BATCH: i64 = 64;
/// How long a lease protects a row from a dispatcher that is alive but stuck; the leases of
/// one that is gone are released at once.
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

/// This process as a dispatcher: its leases carry its id, and it holds a lock that tells
/// others it is alive for as long as the process lives.
pub struct Runner {
    alive: Alive,
    stopping: AtomicBool,
}

impl Runner {
    pub fn start(url: &DatabaseUrl) -> anyhow::Result<Self> {
        Ok(Runner {
            alive: Alive::hold(url)?,
            stopping: AtomicBool::new(false),
        })
    }

    /// No message is handed over after this; the ones in flight finish.
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::Relaxed);
    }

    /// This dispatcher's lock and lease id (the webhook deliveries lease with it too).
    pub fn alive(&self) -> &Alive {
        &self.alive
    }

    pub fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::Relaxed)
    }

    /// Gives back the leases of rows not handed over yet (at a graceful stop).
    pub fn release_leases(&self, pool: &DbPool) -> anyhow::Result<usize> {
        let mut conn = pool.get()?;
        Ok(outbox::release(&mut conn, self.alive.id(), false)?)
    }
}

/// What a sender tells the thread that records: about to hand a row over (answered with
/// whether it may), or the outcome.
enum Event {
    Sending(usize, mpsc::Sender<bool>),
    Sent(usize, Result<(), SendError>),
}

pub fn run_once(
    pool: &DbPool,
    transport: &Transport,
    from: &str,
    runner: &Runner,
    now: DateTime<Utc>,
) -> anyhow::Result<Report> {
    let mut conn = pool.get()?;
    runner.alive.confirm()?;
    release_the_gone(&mut conn, runner)?;
    let mut report = Report::default();
    let started = Instant::now();
    while !runner.is_stopping() {
        // A lease counts from when it is taken, not from when the pass began.
        let elapsed = Duration::from_std(started.elapsed()).unwrap_or(Duration::zero());
        let rows = outbox::lease_due(
            &mut conn,
            db_time(now),
            db_time(now + elapsed + Duration::minutes(LEASE_MINUTES)),
            runner.alive.id(),
            BATCH,
        )?;
        send_batch(&mut conn, &rows, transport, from, runner, now, &mut report)?;
        if (rows.len() as i64) < BATCH {
            break;
        }
    }
    Ok(report)
}

/// Releases the leases of dispatchers that are gone; returns how many rows.
fn release_the_gone(conn: &mut AnyConnection, runner: &Runner) -> anyhow::Result<usize> {
    let mut released = 0;
    for holder in outbox::lease_holders(conn, runner.alive.id())? {
        let freed = write_transaction(conn, |c| -> anyhow::Result<Option<usize>> {
            if !runner.alive.is_gone(c, &holder)? {
                return Ok(None);
            }
            Ok(Some(outbox::release(c, &holder, true)?))
        })?;
        if let Some(freed) = freed {
            runner.alive.forget(&holder);
            tracing::warn!(
                rows = freed,
                "released the email leases of a dispatcher that is gone"
            );
            released += freed;
        }
    }
    Ok(released)
}

/// SMTP is latency-bound (each message waits for the server's reply), so several senders
/// share the batch; this thread marks each row before it is handed over and records each
/// result as it arrives.
fn send_batch(
    conn: &mut AnyConnection,
    rows: &[MailRow],
    transport: &Transport,
    from: &str,
    runner: &Runner,
    now: DateTime<Utc>,
    report: &mut Report,
) -> anyhow::Result<()> {
    let (events, received) = mpsc::channel();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        for _ in 0..SENDERS.min(rows.len()) {
            let (events, next) = (events.clone(), &next);
            scope.spawn(move || {
                while !runner.is_stopping() {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(row) = rows.get(index) else { break };
                    let (answer, may_send) = mpsc::channel();
                    if events.send(Event::Sending(index, answer)).is_err() {
                        break;
                    }
                    if may_send.recv() != Ok(true) {
                        continue;
                    }
                    let outcome = transport.send(&outgoing(row, from));
                    if events.send(Event::Sent(index, outcome)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(events);
        for event in received {
            match event {
                Event::Sending(index, answer) => {
                    let at = db_time(now);
                    let leased =
                        outbox::mark_sending(conn, &rows[index].id, runner.alive.id(), at)?;
                    if !leased {
                        tracing::warn!(
                            outbox_id = rows[index].id.as_str(),
                            "lease lost before sending"
                        );
                    }
                    let _ = answer.send(leased);
                }
                Event::Sent(index, outcome) => {
                    record(conn, &rows[index], runner.alive.id(), outcome, now, report)?
                }
            }
        }
        Ok(())
    })
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
