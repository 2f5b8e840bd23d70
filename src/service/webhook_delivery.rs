//! Delivers webhooks as the email dispatcher sends mail ([`super::dispatch`]), with its
//! runner, its lease rules and its backoff: lease due rows (a short transaction), mark each
//! "sending" just before its request, send with no transaction open, then mark it
//! delivered (a 2xx answer) or failed and due again after the backoff. After a failure the
//! endpoint's other rows wait for the next pass, and a pass spends at most 30 s here. A row
//! keeps its id, the `webhook-id`, on every attempt. The leases of a dispatcher that is gone are released
//! at the next pass of another, and what it was sending is sent again.
//!
//! Then endpoints failing without a success for `PORTAL_WEBHOOK_DISABLE_AFTER_DAYS` are
//! disabled, and their owners emailed in their language.

use chrono::{DateTime, Duration, Utc};

use crate::{
    clock::Clock,
    domain::webhooks::{failing_too_long, signature_header},
    i18n::{Catalogue, Locale},
    mail::compose,
    store::{
        AnyConnection, DbPool, admin_audit, db_time, from_db_time,
        webhook_deliveries::{self as deliveries, DeliveryRow, Failure},
        webhooks::{self as endpoints, EndpointRow},
        write_transaction,
    },
};

use super::{
    context::Context,
    dispatch::{Runner, retry_delay},
    notify,
    webhook_sender::{Answer, Sender, Signed},
};

/// Rows leased per round: each request takes at most 10 s, so a round ends well inside its
/// 5-minute lease.
const BATCH: i64 = 16;
const LEASE_MINUTES: i64 = 5;
/// The webhook step's time in one pass: the jobs thread is shared, so a slow receiver must
/// not hold the other jobs back; what is left goes in the next pass.
const PASS_BUDGET: std::time::Duration = std::time::Duration::from_secs(30);
/// Attempts before a delivery is marked failed (about two days with the backoff); the
/// endpoint is disabled after failing for days anyway.
pub const MAX_ATTEMPTS: i32 = 15;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    pub delivered: usize,
    pub retrying: usize,
    pub failed: usize,
    /// Endpoints disabled for failing for days.
    pub disabled: usize,
}

pub fn run_once(
    pool: &DbPool,
    ctx: &Context,
    runner: &Runner,
    clock: &dyn Clock,
) -> anyhow::Result<Report> {
    let mut conn = pool.get()?;
    runner.alive().confirm()?;
    release_the_gone(&mut conn, runner)?;
    let sender = Sender::new(ctx.webhooks_allow_private);
    let mut report = Report::default();
    let started = std::time::Instant::now();
    // Endpoints that failed in this pass: their other rows wait for the next pass.
    let mut failed = std::collections::HashSet::new();
    'rounds: while !runner.is_stopping() && started.elapsed() < PASS_BUDGET {
        // Each round's lease starts now, not when the pass (or the webhook step) began.
        let now = clock.now();
        let rows = deliveries::lease_due(
            &mut conn,
            db_time(now),
            db_time(now + Duration::minutes(LEASE_MINUTES)),
            runner.alive().id(),
            BATCH,
        )?;
        for row in &rows {
            if runner.is_stopping() || started.elapsed() >= PASS_BUDGET {
                break 'rounds;
            }
            if failed.contains(&row.endpoint_id) {
                continue;
            }
            if !deliver(&mut conn, &sender, runner, row, clock, &mut report)? {
                failed.insert(row.endpoint_id.clone());
            }
        }
        if (rows.len() as i64) < BATCH {
            break;
        }
    }
    // The rows skipped or past the budget keep their place (still held, so a round did not
    // lease them again): given back, due as they were.
    deliveries::release(&mut conn, runner.alive().id(), false)?;
    report.disabled = disable_failing(&mut conn, ctx, clock.now())?;
    Ok(report)
}

/// Gives back the leases of rows not sent yet (at a graceful stop).
pub fn release_leases(pool: &DbPool, runner: &Runner) -> anyhow::Result<usize> {
    let mut conn = pool.get()?;
    Ok(deliveries::release(&mut conn, runner.alive().id(), false)?)
}

fn release_the_gone(conn: &mut AnyConnection, runner: &Runner) -> anyhow::Result<()> {
    for holder in deliveries::lease_holders(conn, runner.alive().id())? {
        let freed = write_transaction(conn, |c| -> anyhow::Result<Option<usize>> {
            if !runner.alive().is_gone(c, &holder)? {
                return Ok(None);
            }
            Ok(Some(deliveries::release(c, &holder, true)?))
        })?;
        if let Some(rows) = freed {
            runner.alive().forget(&holder);
            tracing::warn!(
                rows,
                "released the webhook leases of a dispatcher that is gone"
            );
        }
    }
    Ok(())
}

fn deliver(
    conn: &mut AnyConnection,
    sender: &Sender,
    runner: &Runner,
    row: &DeliveryRow,
    clock: &dyn Clock,
    report: &mut Report,
) -> anyhow::Result<bool> {
    let lease = runner.alive().id();
    let now = clock.now();
    let Some(endpoint) = endpoints::find(conn, &row.endpoint_id)? else {
        return Ok(true);
    };
    let timestamp = now.timestamp();
    let Some(signature) =
        signature_header(&secrets(&endpoint, now), &row.id, timestamp, &row.payload)
    else {
        // Never signed with an empty key: a failed attempt, not sent (the secret not logged).
        tracing::warn!(
            endpoint_id = endpoint.id.as_str(),
            "webhook not sent: the endpoint's secret is not a key"
        );
        let unreadable = Answer::NoAnswer("the endpoint's secret cannot be read".into());
        return record(conn, row, lease, unreadable, now, report);
    };
    if !deliveries::mark_sending(conn, &row.id, lease, db_time(now))? {
        tracing::warn!(delivery_id = row.id.as_str(), "lease lost before sending");
        return Ok(true);
    }
    let answer = sender.send(
        &endpoint.url,
        &Signed {
            id: &row.id,
            timestamp,
            signature: &signature,
            body: &row.payload,
        },
    );
    record(conn, row, lease, answer, clock.now(), report)
}

/// The secrets that sign now: the current one, and the previous one during a rotation.
fn secrets(endpoint: &EndpointRow, now: DateTime<Utc>) -> Vec<&str> {
    let mut secrets = vec![endpoint.secret.expose().as_str()];
    if let (Some(previous), Some(until)) = (
        endpoint.previous_secret.expose(),
        endpoint.previous_secret_until,
    ) && from_db_time(until) > now
    {
        secrets.push(previous);
    }
    secrets
}

fn record(
    conn: &mut AnyConnection,
    row: &DeliveryRow,
    lease: &str,
    answer: Answer,
    now: DateTime<Utc>,
    report: &mut Report,
) -> anyhow::Result<bool> {
    let (status, error) = match answer {
        Answer::Status(code) if (200..300).contains(&code) => {
            if deliveries::mark_delivered(conn, &row.id, lease, i32::from(code), db_time(now))? {
                endpoints::mark_working(conn, &row.endpoint_id)?;
                report.delivered += 1;
            }
            return Ok(true);
        }
        Answer::Status(code) => (Some(i32::from(code)), format!("HTTP {code}")),
        Answer::NoAnswer(error) => (None, error),
    };
    let gave_up = row.attempts + 1 >= MAX_ATTEMPTS;
    let failure = Failure {
        status,
        error: &error,
        next_attempt_at: db_time(now + retry_delay(row.attempts)),
        gave_up,
    };
    if deliveries::mark_attempt_failed(conn, &row.id, lease, &failure)? {
        endpoints::mark_failing(conn, &row.endpoint_id, db_time(now))?;
    }
    tracing::warn!(
        delivery_id = row.id.as_str(),
        attempts = row.attempts + 1,
        gave_up,
        error = error.as_str(),
        "webhook not delivered"
    );
    if gave_up {
        report.failed += 1;
    } else {
        report.retrying += 1;
    }
    Ok(false)
}

/// Disables the endpoints failing for the configured days and still failing (a delivery
/// waits, or one gave up in the last 24 hours), each with its owners' emails and
/// an audit row, in one transaction per endpoint.
fn disable_failing(
    conn: &mut AnyConnection,
    ctx: &Context,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let days = ctx.webhook_disable_after_days;
    let since = db_time(now - Duration::days(i64::from(days)));
    let mut disabled = 0;
    // A delivery that gave up was last tried the last backoff before its `next_attempt_at`.
    let gave_up_due_after = db_time(now - Duration::hours(24) + retry_delay(MAX_ATTEMPTS - 1));
    for endpoint in endpoints::failing_since_before(conn, since)? {
        let failing = endpoint.failing_since.map(from_db_time);
        if !failing.is_some_and(|at| failing_too_long(at, now, days)) {
            continue;
        }
        // Quiet since its last failure more than a day ago (fixed, say): left on.
        if !deliveries::still_failing(conn, &endpoint.id, gave_up_due_after)? {
            continue;
        }
        let done = write_transaction(conn, |c| -> anyhow::Result<bool> {
            if !endpoints::disable_for_failures(c, &endpoint.id, db_time(now))? {
                return Ok(false);
            }
            let detail = endpoint.url.as_str();
            let action = "webhook.disabled_for_failures";
            admin_audit::record(c, None, action, &endpoint.id, Some(detail), db_time(now))?;
            tell_owners(c, ctx, &endpoint, now)?;
            Ok(true)
        })?;
        if done {
            tracing::warn!(
                endpoint_id = endpoint.id.as_str(),
                days,
                "webhook endpoint disabled"
            );
            disabled += 1;
        }
    }
    Ok(disabled)
}

fn tell_owners(
    c: &mut AnyConnection,
    ctx: &Context,
    endpoint: &EndpointRow,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let page = match endpoint.organisation_id {
        Some(_) => format!("/webhooks/{}", endpoint.id),
        None => format!("/admin/webhooks/{}", endpoint.id),
    };
    let mut mails = Vec::new();
    for (email, name, language) in endpoints::owners(c, endpoint.organisation_id.as_deref())? {
        let locale = language
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or(Locale::En);
        let t = Catalogue::for_locale(locale);
        let notice = compose::WebhookDisabled {
            name: &name,
            url: &endpoint.url,
            days: ctx.webhook_disable_after_days,
            page: &ctx.link(&page),
        };
        mails.push(compose::webhook_disabled(t, &email, &notice)?);
    }
    notify::enqueue(c, ctx, None, &mails, now)
}
