//! The partner's status changes on a claim: **Submit claim**, **Resubmit**, **Dispute** and
//! **Withdraw**. Each is one transaction (see [`lifecycle`]): the domain decides, the status
//! moves only from the status it was read in, the audit row and emails are written with it.

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::Viewer,
        claim::{self, TransitionError},
        values::Comment,
    },
    store::AnyConnection,
};

use super::{
    context::Context,
    evidence_step::{self, StagedUpload},
    lifecycle::{self, Acting, Outcome},
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
    let by = Acting::User { viewer, note: None };
    let changed = lifecycle::change(conn, ctx, claim_id, by, now, |d| {
        Ok(claim::submit(d.claim(), d.actor, now))
    })?;
    Ok(refusal(changed))
}

/// Sends the claim back to review after the partner changed what was asked for.
pub fn resubmit(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    claim_id: &str,
    now: DateTime<Utc>,
) -> Decision {
    let by = Acting::User { viewer, note: None };
    let changed = lifecycle::change(conn, ctx, claim_id, by, now, |d| {
        Ok(claim::resubmit(d.claim(), d.actor, now))
    })?;
    Ok(refusal(changed))
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
    let note = Some(reason.as_ref());
    let by = Acting::User { viewer, note };
    let changed = lifecycle::change(conn, ctx, claim_id, by, now, |d| {
        Ok(claim::withdraw(d.claim(), d.actor, now))
    })?;
    Ok(refusal(changed))
}

/// Disputes a rejection (once, within 30 days); `files`, new proof of execution, are
/// stored in the same transaction.
pub fn dispute(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    claim_id: &str,
    justification: Comment,
    files: &[StagedUpload<'_>],
    now: DateTime<Utc>,
) -> Decision {
    let by = Acting::User { viewer, note: None };
    let rule = |d: &mut lifecycle::Deciding<'_>| {
        Ok(claim::dispute(d.claim(), d.actor, now, justification))
    };
    let store_files = |c: &mut AnyConnection| {
        for file in files {
            evidence_step::store_file(c, viewer.user.as_str(), claim_id, file, now)?;
        }
        Ok(())
    };
    let changed = lifecycle::change_with(conn, ctx, claim_id, by, now, rule, store_files)?;
    Ok(refusal(changed))
}

/// A change as a person sees it: done, or why not. A key taken meanwhile is a change
/// meanwhile to them.
pub fn refusal(outcome: Outcome) -> Result<(), Refused> {
    match outcome {
        Outcome::Done(_) => Ok(()),
        Outcome::NotFound => Err(Refused::NotFound),
        Outcome::Refused(rule) => Err(Refused::Rule(rule)),
        Outcome::Changed | Outcome::KeyTaken => Err(Refused::Changed),
    }
}
