//! The changes the portal makes itself when a deadline passes: closing the customer's
//! window, timing out an unanswered request, ending an association with its subscription.

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        calendar::BusinessCalendar,
        claim::{self, Status, Transition, TransitionError},
    },
    store::{AnyConnection, outbox},
};

use super::{
    context::Context,
    lifecycle::{self, Deciding},
};

/// What became of a due claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The claim moved to this status.
    Moved(Status),
    /// Not due, already moved by someone else, or gone.
    Skipped,
}

/// Pending customer → Official once the window has closed; → Rejected ("workload already
/// associated") when another claim holds a key, including one that won a race a moment ago.
pub fn close_window(
    conn: &mut AnyConnection,
    ctx: &Context,
    calendar: &BusinessCalendar,
    claim_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Outcome> {
    // The customer cannot have refused what they were never told: the window waits for the
    // email (administrators see the delivery among the failed or pending ones).
    if outbox::customer_notice_undelivered(conn, claim_id)? {
        tracing::warn!(
            claim_id,
            "opt-out window held: the customer's email is not delivered"
        );
        return Ok(Outcome::Skipped);
    }
    // A lost race shows up as the unique index refusing the key; the second look then sees
    // the winner and rejects. Two rounds suffice: a key once taken stays taken.
    for _ in 0..2 {
        let changed = lifecycle::change_by_system(conn, ctx, calendar, claim_id, now, |d| {
            let conflict = d.conflict()?;
            Ok(claim::close_window(
                d.claim(),
                d.actor,
                now,
                conflict.as_ref(),
            ))
        })?;
        match changed {
            lifecycle::Outcome::KeyTaken => continue,
            other => return Ok(moved(other)),
        }
    }
    Ok(Outcome::Skipped)
}

/// Action required → Rejected (no partner response) once the answer is overdue.
pub fn time_out_request(
    conn: &mut AnyConnection,
    ctx: &Context,
    calendar: &BusinessCalendar,
    claim_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Outcome> {
    system_change(conn, ctx, calendar, claim_id, now, |d| {
        Ok(claim::time_out_action_required(d.claim(), d.actor, now))
    })
}

/// Official → Expired once the last of its subscriptions has ended.
pub fn expire(
    conn: &mut AnyConnection,
    ctx: &Context,
    calendar: &BusinessCalendar,
    claim_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Outcome> {
    system_change(conn, ctx, calendar, claim_id, now, |d| {
        Ok(claim::expire(d.claim(), d.actor, now))
    })
}

fn system_change(
    conn: &mut AnyConnection,
    ctx: &Context,
    calendar: &BusinessCalendar,
    claim_id: &str,
    now: DateTime<Utc>,
    rule: impl FnOnce(&mut Deciding<'_>) -> anyhow::Result<Result<Transition, TransitionError>>,
) -> anyhow::Result<Outcome> {
    let changed = lifecycle::change_by_system(conn, ctx, calendar, claim_id, now, rule)?;
    Ok(moved(changed))
}

/// Anything but a change made is a skip: not due, moved by someone else, or gone.
fn moved(changed: lifecycle::Outcome) -> Outcome {
    match changed {
        lifecycle::Outcome::Done(to) => Outcome::Moved(to),
        _ => Outcome::Skipped,
    }
}
