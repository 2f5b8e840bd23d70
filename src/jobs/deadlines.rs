//! Rejects claims whose partner did not answer *Action required* in time.

use chrono::{DateTime, Utc};

use crate::{
    domain::claim::Status,
    service::{context::Context, system_changes},
    store::{DbPool, claim_status::DueColumn},
};

use super::sweep;

/// Returns how many claims were rejected.
pub fn run_once(pool: &DbPool, ctx: &Context, now: DateTime<Utc>) -> anyhow::Result<usize> {
    sweep::due_claims(
        pool,
        Status::ActionRequired.as_str(),
        DueColumn::ActionRequiredDue,
        now,
        |conn, id| system_changes::time_out_request(conn, ctx, id, now),
    )
    .map(|outcomes| outcomes.len())
}
