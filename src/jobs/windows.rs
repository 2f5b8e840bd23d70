//! Closes the customers' opt-out windows that are due.

use chrono::{DateTime, Utc};

use crate::{
    domain::claim::Status,
    service::{
        context::Context,
        system_changes::{self, Outcome},
    },
    store::{DbPool, claim_status::DueColumn},
};

use super::sweep;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    pub official: usize,
    /// Rejected because another partner holds a key.
    pub rejected: usize,
}

pub fn run_once(pool: &DbPool, ctx: &Context, now: DateTime<Utc>) -> anyhow::Result<Report> {
    let outcomes = sweep::due_claims(
        pool,
        Status::PendingCustomer.as_str(),
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
    Ok(Report {
        official: count(Status::Official),
        rejected: count(Status::Rejected),
    })
}
