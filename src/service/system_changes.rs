//! The changes the portal makes itself when a deadline passes: closing the customer's
//! window, timing out an unanswered request, ending an association with its subscription.

use chrono::{DateTime, Utc};

use crate::{
    domain::claim::{self, Actor, Status},
    store::{AnyConnection, outbox},
};

use super::{
    claim_view::{self, ClaimDetails},
    context::Context,
    exclusivity,
    lifecycle::{self, ActedBy, Applied},
};

/// What became of a due claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The claim moved to this status.
    Moved(Status),
    /// Not due, already moved by someone else, or gone.
    Skipped,
}

const SYSTEM: ActedBy<'static> = ActedBy {
    user_id: None,
    note: None,
};

/// Pending customer → Official once the window has closed; → Rejected ("workload already
/// associated") when another claim holds a key, including one that won a race a moment ago.
pub fn close_window(
    conn: &mut AnyConnection,
    ctx: &Context,
    claim_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Outcome> {
    let Some(details) = claim_view::load_unchecked(conn, claim_id, now)? else {
        return Ok(Outcome::Skipped);
    };
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
        let conflict = exclusivity::current_conflict(conn, &details)?;
        let Ok(transition) =
            claim::close_window(&details.snapshot, &Actor::System, now, conflict.as_ref())
        else {
            return Ok(Outcome::Skipped);
        };
        match lifecycle::apply(conn, ctx, &details, &transition, &SYSTEM)? {
            Applied::Done => return Ok(Outcome::Moved(transition.to)),
            Applied::Changed => return Ok(Outcome::Skipped),
            Applied::KeyTaken => continue,
        }
    }
    Ok(Outcome::Skipped)
}

/// Action required → Rejected (no partner response) once the answer is overdue.
pub fn time_out_request(
    conn: &mut AnyConnection,
    ctx: &Context,
    claim_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Outcome> {
    system_change(conn, ctx, claim_id, now, |details| {
        claim::time_out_action_required(&details.snapshot, &Actor::System, now)
    })
}

/// Official → Expired once the last of its subscriptions has ended.
pub fn expire(
    conn: &mut AnyConnection,
    ctx: &Context,
    claim_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Outcome> {
    system_change(conn, ctx, claim_id, now, |details| {
        claim::expire(&details.snapshot, &Actor::System, now)
    })
}

fn system_change(
    conn: &mut AnyConnection,
    ctx: &Context,
    claim_id: &str,
    now: DateTime<Utc>,
    rule: impl FnOnce(&ClaimDetails) -> Result<claim::Transition, claim::TransitionError>,
) -> anyhow::Result<Outcome> {
    let Some(details) = claim_view::load_unchecked(conn, claim_id, now)? else {
        return Ok(Outcome::Skipped);
    };
    let Ok(transition) = rule(&details) else {
        return Ok(Outcome::Skipped);
    };
    Ok(
        match lifecycle::apply(conn, ctx, &details, &transition, &SYSTEM)? {
            Applied::Done => Outcome::Moved(transition.to),
            Applied::Changed | Applied::KeyTaken => Outcome::Skipped,
        },
    )
}
