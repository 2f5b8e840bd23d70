//! One function per arrow of the status diagram. Each first runs [`check`] (who, which
//! status, which deadline), then the checks on its own arguments; a permitted action yields
//! a [`Transition`] with exactly one audit entry.
//!
//! Who may do what (SPEC): partners of the owning organisation submit, resubmit, dispute and
//! withdraw; reviewers and administrators validate, ask for information, reject and decide
//! disputes; the customer link opts out and ends official associations; the system closes windows, expires official
//! associations and times out unanswered requests.

use super::rules::check;
use super::{
    ANSWER_BUSINESS_DAYS, Action, Actor, AuditEntry, AuditReason, ClaimSnapshot,
    OPT_OUT_BUSINESS_DAYS, ReasonCode, RejectionReason, Status, Transition, TransitionError,
};
use crate::domain::calendar::BusinessCalendar;
use crate::domain::exclusivity::Conflict;
use crate::domain::values::Comment;
use chrono::{DateTime, Utc};

type Outcome = Result<Transition, TransitionError>;

fn transition(
    action: Action,
    claim: &ClaimSnapshot,
    actor: &Actor,
    now: DateTime<Utc>,
    to: Status,
    reason: Option<AuditReason>,
) -> Transition {
    Transition {
        action,
        to,
        audit: AuditEntry {
            actor: actor.clone(),
            from: claim.status,
            to,
            reason,
            at: now,
        },
        window_closes_at: None,
        action_required_due: None,
        conflict: None,
    }
}

fn reason(code: ReasonCode, text: Option<Comment>) -> Option<AuditReason> {
    Some(AuditReason { code, text })
}

/// A conflict counts when another claim holds the key (this claim's own key never
/// conflicts with itself).
fn real_conflict<'a>(
    claim: &ClaimSnapshot,
    conflict: Option<&'a Conflict>,
) -> Option<&'a Conflict> {
    conflict.filter(|c| c.held_by.claim != claim.id)
}

/// Opens the customer's window, or rejects the claim when another partner holds a key.
fn open_window_or_reject(
    action: Action,
    claim: &ClaimSnapshot,
    actor: &Actor,
    now: DateTime<Utc>,
    calendar: &BusinessCalendar,
    conflict: Option<&Conflict>,
) -> Outcome {
    if let Some(conflict) = real_conflict(claim, conflict) {
        let code = ReasonCode::Rejection(RejectionReason::WorkloadAlreadyAssociated);
        let mut rejected = transition(
            action,
            claim,
            actor,
            now,
            Status::Rejected,
            reason(code, None),
        );
        rejected.conflict = Some(conflict.clone());
        return Ok(rejected);
    }
    let closes_at = calendar.add_business_days(now, OPT_OUT_BUSINESS_DAYS)?;
    let accepted = (action == Action::DecideDispute).then_some(ReasonCode::DisputeAccepted);
    let mut pending = transition(
        action,
        claim,
        actor,
        now,
        Status::PendingCustomer,
        accepted.and_then(|code| reason(code, None)),
    );
    pending.window_closes_at = Some(closes_at);
    Ok(pending)
}

/// Draft → Submitted: the partner sends a complete claim with proof of execution.
pub fn submit(claim: &ClaimSnapshot, actor: &Actor, now: DateTime<Utc>) -> Outcome {
    check(Action::Submit, claim, actor, now)?;
    Ok(transition(
        Action::Submit,
        claim,
        actor,
        now,
        Status::Submitted,
        None,
    ))
}

/// Submitted → Action required: staff ask the partner for more; the answer is due in 5
/// business days.
pub fn ask_for_information(
    claim: &ClaimSnapshot,
    actor: &Actor,
    now: DateTime<Utc>,
    calendar: &BusinessCalendar,
    comment: Comment,
) -> Outcome {
    check(Action::AskForInformation, claim, actor, now)?;
    let due = calendar.add_business_days(now, ANSWER_BUSINESS_DAYS)?;
    let code = ReasonCode::InformationRequested;
    let mut asked = transition(
        Action::AskForInformation,
        claim,
        actor,
        now,
        Status::ActionRequired,
        reason(code, Some(comment)),
    );
    asked.action_required_due = Some(due);
    Ok(asked)
}

/// Action required → Submitted: the partner answers before the deadline.
pub fn resubmit(claim: &ClaimSnapshot, actor: &Actor, now: DateTime<Utc>) -> Outcome {
    check(Action::Resubmit, claim, actor, now)?;
    Ok(transition(
        Action::Resubmit,
        claim,
        actor,
        now,
        Status::Submitted,
        None,
    ))
}

/// Submitted → Pending customer (the customer is emailed and has 5 business days to opt
/// out), or → Rejected when another partner already holds a key.
pub fn validate(
    claim: &ClaimSnapshot,
    actor: &Actor,
    now: DateTime<Utc>,
    calendar: &BusinessCalendar,
    conflict: Option<&Conflict>,
) -> Outcome {
    check(Action::Validate, claim, actor, now)?;
    open_window_or_reject(Action::Validate, claim, actor, now, calendar, conflict)
}

/// Submitted → Rejected with a reason the actor may choose; "Other" needs text.
pub fn reject(
    claim: &ClaimSnapshot,
    actor: &Actor,
    now: DateTime<Utc>,
    rejection: RejectionReason,
    text: Option<Comment>,
) -> Outcome {
    check(Action::Reject, claim, actor, now)?;
    if !rejection.choosable_by(actor.kind()) {
        return Err(TransitionError::ReasonNotChoosable { reason: rejection });
    }
    if rejection.requires_text() && text.is_none() {
        return Err(TransitionError::ReasonTextRequired);
    }
    let code = ReasonCode::Rejection(rejection);
    Ok(transition(
        Action::Reject,
        claim,
        actor,
        now,
        Status::Rejected,
        reason(code, text),
    ))
}

/// Rejected → Disputed: once per claim, within 30 days of the rejection.
pub fn dispute(
    claim: &ClaimSnapshot,
    actor: &Actor,
    now: DateTime<Utc>,
    justification: Comment,
) -> Outcome {
    check(Action::Dispute, claim, actor, now)?;
    let code = ReasonCode::DisputeRaised;
    Ok(transition(
        Action::Dispute,
        claim,
        actor,
        now,
        Status::Disputed,
        reason(code, Some(justification)),
    ))
}

/// What staff decide about a dispute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DisputeDecision {
    /// The rejection was wrong: the claim goes to the customer as if validated.
    Accept,
    /// The rejection stands, now finally; the text explains why.
    Decline(Option<Comment>),
}

/// Disputed → Pending customer (accepted; or Rejected if another partner holds a key by
/// now) or → Rejected (declined, final).
pub fn decide_dispute(
    claim: &ClaimSnapshot,
    actor: &Actor,
    now: DateTime<Utc>,
    decision: DisputeDecision,
    calendar: &BusinessCalendar,
    conflict: Option<&Conflict>,
) -> Outcome {
    check(Action::DecideDispute, claim, actor, now)?;
    match decision {
        DisputeDecision::Accept => {
            open_window_or_reject(Action::DecideDispute, claim, actor, now, calendar, conflict)
        }
        DisputeDecision::Decline(text) => {
            let code = ReasonCode::DisputeDeclined;
            Ok(transition(
                Action::DecideDispute,
                claim,
                actor,
                now,
                Status::Rejected,
                reason(code, text),
            ))
        }
    }
}

/// Pending customer → Opted out: the customer refuses, strictly before the window closes.
pub fn opt_out(
    claim: &ClaimSnapshot,
    actor: &Actor,
    now: DateTime<Utc>,
    text: Option<Comment>,
) -> Outcome {
    check(Action::OptOut, claim, actor, now)?;
    let code = ReasonCode::CustomerOptedOut;
    Ok(transition(
        Action::OptOut,
        claim,
        actor,
        now,
        Status::OptedOut,
        reason(code, text),
    ))
}

/// Official → Opted out: the customer ends an official association from their tenant view,
/// at any time, saying why. The service frees the association's keys with the change.
pub fn end_by_customer(
    claim: &ClaimSnapshot,
    actor: &Actor,
    now: DateTime<Utc>,
    text: Comment,
) -> Outcome {
    check(Action::EndByCustomer, claim, actor, now)?;
    Ok(transition(
        Action::EndByCustomer,
        claim,
        actor,
        now,
        Status::OptedOut,
        reason(ReasonCode::CustomerEnded, Some(text)),
    ))
}

/// Pending customer → Official once the window has closed, or → Rejected when another
/// partner became official on a key in the meantime.
pub fn close_window(
    claim: &ClaimSnapshot,
    actor: &Actor,
    now: DateTime<Utc>,
    conflict: Option<&Conflict>,
) -> Outcome {
    check(Action::CloseWindow, claim, actor, now)?;
    if let Some(conflict) = real_conflict(claim, conflict) {
        let code = ReasonCode::Rejection(RejectionReason::WorkloadAlreadyAssociated);
        let mut rejected = transition(
            Action::CloseWindow,
            claim,
            actor,
            now,
            Status::Rejected,
            reason(code, None),
        );
        rejected.conflict = Some(conflict.clone());
        return Ok(rejected);
    }
    Ok(transition(
        Action::CloseWindow,
        claim,
        actor,
        now,
        Status::Official,
        None,
    ))
}

/// Official → Expired once the subscription has ended.
pub fn expire(claim: &ClaimSnapshot, actor: &Actor, now: DateTime<Utc>) -> Outcome {
    check(Action::Expire, claim, actor, now)?;
    Ok(transition(
        Action::Expire,
        claim,
        actor,
        now,
        Status::Expired,
        None,
    ))
}

/// Draft, Submitted, Action required or Pending customer → Withdrawn.
pub fn withdraw(claim: &ClaimSnapshot, actor: &Actor, now: DateTime<Utc>) -> Outcome {
    check(Action::Withdraw, claim, actor, now)?;
    Ok(transition(
        Action::Withdraw,
        claim,
        actor,
        now,
        Status::Withdrawn,
        None,
    ))
}

/// Action required → Rejected (no partner response) once the answer is overdue.
pub fn time_out_action_required(
    claim: &ClaimSnapshot,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Outcome {
    check(Action::TimeOutActionRequired, claim, actor, now)?;
    let code = ReasonCode::Rejection(RejectionReason::NoPartnerResponse);
    Ok(transition(
        Action::TimeOutActionRequired,
        claim,
        actor,
        now,
        Status::Rejected,
        reason(code, None),
    ))
}
