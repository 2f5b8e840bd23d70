//! The system's own status changes, worked through whatever is due: opt-out windows that
//! close, requests for information that time out, official associations whose subscriptions
//! end. Each batch of due claims is one transaction: the windows are closed together with
//! one statement per kind of row ([`window_batch`]); the other changes are each a savepoint
//! in it (its own rules, status change from the status it was decided in, audit row and
//! outbox rows, as when it was a transaction of its own). The commit, which on PostgreSQL
//! waits for the disk, is paid once per batch. Should the batch fail, it is undone and done
//! again claim by claim, each in its own transaction, so one bad claim stops no other.

use chrono::{DateTime, Utc};

use crate::{
    domain::{calendar::BusinessCalendar, claim::Status},
    store::{
        AnyConnection, DbPool,
        claim_status::{self, DueColumn},
        db_time, officials, write_transaction,
    },
};

use super::{
    context::Context,
    system_changes::{self, Outcome},
    window_batch,
};

/// Claims per transaction: enough to pay the commit rarely, few enough that a batch's pages
/// stay in SQLite's page cache and a page's writers wait for it only briefly.
const BATCH: i64 = 200;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WindowsReport {
    pub official: usize,
    /// Rejected because another partner holds a key.
    pub rejected: usize,
}

/// Closes the customers' opt-out windows that are due.
pub fn close_windows(
    pool: &DbPool,
    ctx: &Context,
    now: DateTime<Utc>,
) -> anyhow::Result<WindowsReport> {
    let outcomes = due_claims(
        pool,
        ctx,
        Status::PendingCustomer,
        DueColumn::WindowClosesAt,
        now,
        |conn, calendar, ids| window_batch::close_windows(conn, ctx, calendar, ids, now),
        |conn, calendar, id| system_changes::close_window(conn, ctx, calendar, id, now),
    )?;
    let count = |status| {
        outcomes
            .iter()
            .filter(|o| **o == Outcome::Moved(status))
            .count()
    };
    Ok(WindowsReport {
        official: count(Status::Official),
        rejected: count(Status::Rejected),
    })
}

/// Rejects claims whose partner did not answer *Action required* in time; returns how many.
pub fn time_out_requests(
    pool: &DbPool,
    ctx: &Context,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    due_claims(
        pool,
        ctx,
        Status::ActionRequired,
        DueColumn::ActionRequiredDue,
        now,
        |conn, calendar, ids| {
            one_by_one(conn, calendar, ids, |c, cal, id| {
                system_changes::time_out_request(c, ctx, cal, id, now)
            })
        },
        |conn, calendar, id| system_changes::time_out_request(conn, ctx, calendar, id, now),
    )
    .map(|outcomes| outcomes.len())
}

/// Ends official associations with their subscriptions: each key is freed when its own
/// subscription ends, and the claim becomes Expired when the last one has. Returns how many
/// claims expired.
pub fn expire_associations(
    pool: &DbPool,
    ctx: &Context,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    officials::end_due(&mut *pool.get()?, db_time(now))?;
    due_claims(
        pool,
        ctx,
        Status::Official,
        DueColumn::EndsAt,
        now,
        |conn, calendar, ids| {
            one_by_one(conn, calendar, ids, |c, cal, id| {
                system_changes::expire(c, ctx, cal, id, now)
            })
        },
        |conn, calendar, id| system_changes::expire(conn, ctx, calendar, id, now),
    )
    .map(|outcomes| outcomes.len())
}

/// A batch as one transaction of savepoints, one claim's change each.
fn one_by_one(
    conn: &mut AnyConnection,
    calendar: &BusinessCalendar,
    ids: &[&str],
    mut one: impl FnMut(&mut AnyConnection, &BusinessCalendar, &str) -> anyhow::Result<Outcome>,
) -> anyhow::Result<Vec<Outcome>> {
    write_transaction(conn, |c| -> anyhow::Result<Vec<Outcome>> {
        ids.iter().map(|id| one(c, calendar, id)).collect()
    })
}

/// Applies `batch` to the claims in `status` whose `column` has passed, a page at a time,
/// or `one` to each claim of a page whose batch failed; returns the outcome of each change
/// made. A claim that fails alone too is logged and left for the next pass.
fn due_claims(
    pool: &DbPool,
    ctx: &Context,
    status: Status,
    column: DueColumn,
    now: DateTime<Utc>,
    mut batch: impl FnMut(
        &mut AnyConnection,
        &BusinessCalendar,
        &[&str],
    ) -> anyhow::Result<Vec<Outcome>>,
    mut one: impl FnMut(&mut AnyConnection, &BusinessCalendar, &str) -> anyhow::Result<Outcome>,
) -> anyhow::Result<Vec<Outcome>> {
    let mut conn = pool.get()?;
    let calendar = ctx.calendar(&mut conn)?;
    let mut outcomes = Vec::new();
    let mut after = None;
    loop {
        let page = claim_status::due(
            &mut conn,
            status.as_str(),
            column,
            db_time(now),
            after.as_ref(),
            BATCH,
        )?;
        let ids: Vec<&str> = page.iter().map(|(id, _)| id.as_str()).collect();
        // The batch in one transaction; if it fails, nothing of it stays and each claim is
        // done again alone.
        let done = match batch(&mut conn, &calendar, &ids) {
            Ok(done) => done,
            Err(e) => {
                tracing::warn!(error = %e, "a batch of due claims failed; each is retried alone");
                ids.iter()
                    .filter_map(|id| match one(&mut conn, &calendar, id) {
                        Ok(outcome) => Some(outcome),
                        Err(e) => {
                            tracing::error!(claim_id = *id, error = %e, "due claim not processed");
                            None
                        }
                    })
                    .collect()
            }
        };
        outcomes.extend(done.into_iter().filter(|o| *o != Outcome::Skipped));
        // Read on past this page, so claims that stay due (held, or failing) never hide
        // the ones behind them.
        match page.last() {
            Some((id, at)) if page.len() as i64 == BATCH => after = Some((*at, id.clone())),
            _ => return Ok(outcomes),
        }
    }
}
