//! The partner's status changes on a claim: **Submit claim** and **Withdraw**. Each is one
//! transaction: the domain decides, the status moves only from the status it was read in
//! (a concurrent change makes the second attempt fail cleanly), and the audit row is written
//! with it.

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::Viewer,
        claim::{self, Actor, Status, Transition, TransitionError},
        values::Comment,
    },
    store::{AnyConnection, audit, claims, db_time, new_id, write_transaction},
};

use super::claim_view;

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

pub fn submit(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    claim_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<(), Refused>> {
    decide_and_apply(conn, viewer, claim_id, now, None, |snapshot, actor| {
        claim::submit(snapshot, actor, now)
    })
}

/// Withdraws the claim; the partner's `reason` goes into its history.
pub fn withdraw(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    claim_id: &str,
    reason: &Comment,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<(), Refused>> {
    decide_and_apply(
        conn,
        viewer,
        claim_id,
        now,
        Some(reason.as_ref()),
        |snapshot, actor| claim::withdraw(snapshot, actor, now),
    )
}

fn decide_and_apply(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    claim_id: &str,
    now: DateTime<Utc>,
    note: Option<&str>,
    decide: impl FnOnce(&claim::ClaimSnapshot, &Actor) -> Result<Transition, TransitionError>,
) -> anyhow::Result<Result<(), Refused>> {
    let Some(details) = claim_view::load(conn, viewer, claim_id, now)? else {
        return Ok(Err(Refused::NotFound));
    };
    let Some(actor) = viewer.actor() else {
        return Ok(Err(Refused::NotFound));
    };
    let transition = match decide(&details.snapshot, &actor) {
        Ok(transition) => transition,
        Err(rule) => return Ok(Err(Refused::Rule(rule))),
    };
    let from = details.status;
    let applied = write_transaction(conn, |c| -> anyhow::Result<bool> {
        let at = db_time(now);
        let submitted_at = (transition.to == Status::Submitted).then_some(at);
        if !claims::move_status(
            c,
            claim_id,
            from.as_str(),
            transition.to.as_str(),
            at,
            submitted_at,
        )? {
            return Ok(false);
        }
        let entry = &transition.audit;
        let reason_code = entry.reason.as_ref().map(|r| r.code.as_str());
        let reason_text = entry
            .reason
            .as_ref()
            .and_then(|r| r.text.as_ref())
            .map(|t| t.as_ref().to_owned());
        audit::insert(
            c,
            &audit::NewAuditEntry {
                id: &new_id(),
                claim_id,
                actor_kind: entry.actor.kind().as_str(),
                actor_user_id: Some(viewer.user.as_str()),
                from_status: Some(entry.from.as_str()),
                to_status: entry.to.as_str(),
                reason_code,
                reason_text: reason_text.as_deref().or(note),
                at,
            },
        )?;
        Ok(true)
    })?;
    if !applied {
        return Ok(Err(Refused::Changed));
    }
    tracing::info!(
        claim_id,
        from = from.as_str(),
        to = transition.to.as_str(),
        "claim status changed"
    );
    Ok(Ok(()))
}
