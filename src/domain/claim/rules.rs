//! Who may take which action from which status, and the action's own conditions: the
//! checks shared by every transition function and by [`allowed_actions`].
//!
//! Checks run in this order: the kind of actor may take the action at all; the actor acts
//! for this claim (a partner for the owning organisation, a customer link for this claim);
//! the claim is not in a final status; the action leaves the current status; then the
//! action's own conditions.

use super::{Action, Actor, ActorKind, ClaimSnapshot, Status, TransitionError};
use chrono::{DateTime, Utc};

impl Action {
    /// The kinds of actor that may ever take this action.
    pub fn actor_kinds(self) -> &'static [ActorKind] {
        use ActorKind::*;
        match self {
            Action::Submit | Action::Resubmit | Action::Dispute | Action::Withdraw => &[Partner],
            Action::AskForInformation
            | Action::Validate
            | Action::Reject
            | Action::DecideDispute => &[Reviewer, Administrator],
            Action::OptOut | Action::EndByCustomer => &[CustomerLink],
            Action::CloseWindow | Action::Expire | Action::TimeOutActionRequired => &[System],
        }
    }

    /// The statuses this action leaves from.
    pub fn from_statuses(self) -> &'static [Status] {
        use Status::*;
        match self {
            Action::Submit => &[Draft],
            Action::AskForInformation | Action::Validate | Action::Reject => &[Submitted],
            Action::Resubmit | Action::TimeOutActionRequired => &[ActionRequired],
            Action::Dispute => &[Rejected],
            Action::DecideDispute => &[Disputed],
            Action::OptOut | Action::CloseWindow => &[PendingCustomer],
            Action::Expire | Action::EndByCustomer => &[Official],
            Action::Withdraw => &[Draft, Submitted, ActionRequired, PendingCustomer],
        }
    }
}

/// Whether `actor` may take `action` on the claim now, apart from checks on the action's
/// own arguments (reason text) and the calendar. Every transition function starts with it.
pub fn check(
    action: Action,
    claim: &ClaimSnapshot,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), TransitionError> {
    if !action.actor_kinds().contains(&actor.kind()) {
        return Err(TransitionError::NotAllowedForActor {
            action,
            actor: actor.kind(),
        });
    }
    let acts_for_claim = match actor {
        Actor::Partner { organisation, .. } => organisation == &claim.owner,
        Actor::CustomerLink { claim: link_claim } => link_claim == &claim.id,
        Actor::Reviewer { .. } | Actor::Administrator { .. } | Actor::System => true,
    };
    if !acts_for_claim {
        return Err(TransitionError::NotYourClaim);
    }
    if claim.status.is_final() {
        return Err(TransitionError::FinalStatus {
            status: claim.status,
        });
    }
    if !action.from_statuses().contains(&claim.status) {
        return Err(TransitionError::WrongStatus {
            action,
            from: claim.status,
        });
    }
    let reached = |deadline: Option<DateTime<Utc>>| deadline.is_some_and(|at| now >= at);
    match action {
        Action::Submit | Action::Resubmit => {
            if !claim.missing.is_empty() {
                return Err(TransitionError::Incomplete(claim.missing.clone()));
            }
            if claim.poe_file_count == 0 {
                return Err(TransitionError::MissingProofOfExecution);
            }
            if action == Action::Resubmit && reached(claim.action_required_due) {
                return Err(TransitionError::AnswerOverdue);
            }
        }
        Action::Dispute => {
            if claim.dispute_used {
                return Err(TransitionError::DisputeAlreadyUsed);
            }
            if claim.dispute_deadline().is_none_or(|end| now > end) {
                return Err(TransitionError::DisputeWindowClosed);
            }
        }
        // A missing closing time counts as closed for the customer and as still open for the
        // job: neither can act on a window that was never set.
        Action::OptOut if claim.window_closes_at.is_none_or(|at| now >= at) => {
            return Err(TransitionError::WindowClosed);
        }
        Action::CloseWindow if !reached(claim.window_closes_at) => {
            return Err(TransitionError::WindowStillOpen);
        }
        Action::Expire if !reached(claim.ends_at) => return Err(TransitionError::NotDueYet),
        Action::TimeOutActionRequired if !reached(claim.action_required_due) => {
            return Err(TransitionError::NotDueYet);
        }
        _ => {}
    }
    Ok(())
}

/// The actions `actor` may take on the claim now: the buttons to show.
pub fn allowed_actions(claim: &ClaimSnapshot, actor: &Actor, now: DateTime<Utc>) -> Vec<Action> {
    Action::ALL
        .iter()
        .copied()
        .filter(|action| check(*action, claim, actor, now).is_ok())
        .collect()
}
