//! The partner's status changes on a claim: **Submit claim**, **Resubmit**, **Dispute** and
//! **Withdraw**. Each is one transaction (see [`lifecycle`]): the domain decides, the status
//! moves only from the status it was read in, the audit row and emails are written with it.

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::Viewer,
        claim::{self, ClaimSnapshot, Transition, TransitionError},
        values::Comment,
    },
    store::AnyConnection,
};

use super::{
    claim_view::{self, ClaimDetails},
    context::Context,
    lifecycle::{self, ActedBy, Applied},
};

/// Why a change did not happen.
#[derive(Debug)]
pub enum Refused {
    /// No such claim for this viewer.
    NotFound,
    /// The domain's answer (wrong status, incomplete, not this actor…).
    Rule(TransitionError),
    /// Someone changed the claim between reading and writing.
    Changed,
}

pub type Decision = anyhow::Result<Result<(), Refused>>;

pub fn submit(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    claim_id: &str,
    now: DateTime<Utc>,
) -> Decision {
    decide_and_apply(conn, ctx, viewer, claim_id, now, None, |snapshot, actor| {
        claim::submit(snapshot, actor, now)
    })
}

/// Sends the claim back to review after the partner changed what was asked for.
pub fn resubmit(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    claim_id: &str,
    now: DateTime<Utc>,
) -> Decision {
    decide_and_apply(conn, ctx, viewer, claim_id, now, None, |snapshot, actor| {
        claim::resubmit(snapshot, actor, now)
    })
}

/// Withdraws the claim; the partner's `reason` goes into its history.
pub fn withdraw(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    claim_id: &str,
    reason: &Comment,
    now: DateTime<Utc>,
) -> Decision {
    decide_and_apply(
        conn,
        ctx,
        viewer,
        claim_id,
        now,
        Some(reason.as_ref()),
        |snapshot, actor| claim::withdraw(snapshot, actor, now),
    )
}

/// Disputes a rejection (once, within 30 days); `also` stores new proof of execution in
/// the same transaction.
pub fn dispute(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    claim_id: &str,
    justification: Comment,
    now: DateTime<Utc>,
    also: impl FnOnce(&mut AnyConnection) -> anyhow::Result<()>,
) -> Decision {
    let (details, transition) = match decide(conn, viewer, claim_id, now, |snapshot, actor| {
        claim::dispute(snapshot, actor, now, justification)
    })? {
        Ok(decided) => decided,
        Err(refused) => return Ok(Err(refused)),
    };
    let acted_by = ActedBy {
        user_id: Some(viewer.user.as_str()),
        note: None,
    };
    let applied = lifecycle::apply_with(conn, ctx, &details, &transition, &acted_by, also)?;
    Ok(outcome(applied))
}

fn decide_and_apply(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    claim_id: &str,
    now: DateTime<Utc>,
    note: Option<&str>,
    rule: impl FnOnce(&ClaimSnapshot, &claim::Actor) -> Result<Transition, TransitionError>,
) -> Decision {
    let (details, transition) = match decide(conn, viewer, claim_id, now, rule)? {
        Ok(decided) => decided,
        Err(refused) => return Ok(Err(refused)),
    };
    let acted_by = ActedBy {
        user_id: Some(viewer.user.as_str()),
        note,
    };
    Ok(outcome(lifecycle::apply(
        conn,
        ctx,
        &details,
        &transition,
        &acted_by,
    )?))
}

/// Loads the claim for the viewer and asks the domain.
pub fn decide(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    claim_id: &str,
    now: DateTime<Utc>,
    rule: impl FnOnce(&ClaimSnapshot, &claim::Actor) -> Result<Transition, TransitionError>,
) -> anyhow::Result<Result<(ClaimDetails, Transition), Refused>> {
    let Some(details) = claim_view::load(conn, viewer, claim_id, now)? else {
        return Ok(Err(Refused::NotFound));
    };
    let Some(actor) = viewer.actor() else {
        return Ok(Err(Refused::NotFound));
    };
    Ok(match rule(&details.snapshot, &actor) {
        Ok(transition) => Ok((details, transition)),
        Err(rule) => Err(Refused::Rule(rule)),
    })
}

pub fn outcome(applied: Applied) -> Result<(), Refused> {
    match applied {
        Applied::Done => Ok(()),
        Applied::Changed | Applied::KeyTaken => Err(Refused::Changed),
    }
}
