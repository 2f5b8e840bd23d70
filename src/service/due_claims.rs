//! The system's own status changes, worked through whatever is due: opt-out windows that
//! close, requests for information that time out, official associations whose subscriptions
//! end. Batches are read with one connection; each claim is one transaction of its own.

use chrono::{DateTime, Utc};

use crate::{
    domain::claim::Status,
    store::{
        AnyConnection, DbPool,
        claim_status::{self, DueColumn},
        db_time, officials,
    },
};

use super::{
    context::Context,
    system_changes::{self, Outcome},
};

const BATCH: i64 = 500;

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
        Status::PendingCustomer,
        DueColumn::WindowClosesAt,
        now,
        |conn, id| system_changes::close_window(conn, ctx, id, now),
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
        Status::ActionRequired,
        DueColumn::ActionRequiredDue,
        now,
        |conn, id| system_changes::time_out_request(conn, ctx, id, now),
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
        Status::Official,
        DueColumn::EndsAt,
        now,
        |conn, id| system_changes::expire(conn, ctx, id, now),
    )
    .map(|outcomes| outcomes.len())
}

/// Applies `one` to every claim in `status` whose `column` has passed; returns the outcome
/// of each change made. A claim that fails is logged and left for the next pass.
fn due_claims(
    pool: &DbPool,
    status: Status,
    column: DueColumn,
    now: DateTime<Utc>,
    mut one: impl FnMut(&mut AnyConnection, &str) -> anyhow::Result<Outcome>,
) -> anyhow::Result<Vec<Outcome>> {
    let mut conn = pool.get()?;
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
        for (id, _) in &page {
            match one(&mut conn, id) {
                Ok(Outcome::Skipped) => {}
                Ok(outcome) => outcomes.push(outcome),
                Err(e) => {
                    tracing::error!(claim_id = id.as_str(), error = %e, "due claim not processed");
                }
            }
        }
        // Read on past this page, so claims that stay due (held, or failing) never hide
        // the ones behind them.
        match page.last() {
            Some((id, at)) if page.len() as i64 == BATCH => after = Some((*at, id.clone())),
            _ => return Ok(outcomes),
        }
    }
}
