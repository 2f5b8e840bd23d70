//! Ends official associations with their subscriptions: each key is freed when its own
//! subscription ends, and the claim becomes Expired when the last one has.

use chrono::{DateTime, Utc};

use crate::{
    domain::claim::Status,
    service::{context::Context, system_changes},
    store::{DbPool, claim_status::DueColumn, db_time, officials},
};

use super::sweep;

/// Returns how many claims expired.
pub fn run_once(pool: &DbPool, ctx: &Context, now: DateTime<Utc>) -> anyhow::Result<usize> {
    officials::end_due(&mut *pool.get()?, db_time(now))?;
    sweep::due_claims(
        pool,
        Status::Official.as_str(),
        DueColumn::EndsAt,
        now,
        |conn, id| system_changes::expire(conn, ctx, id, now),
    )
    .map(|outcomes| outcomes.len())
}
