//! Why a change to a claim was refused.

use super::{Action, ActorKind, RejectionReason, Status};
use crate::domain::calendar::CalendarError;
use crate::domain::draft::MissingItem;
use crate::domain::errors::Message;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("{actor} may not {action}")]
    NotAllowedForActor { action: Action, actor: ActorKind },
    #[error("the claim belongs to another organisation or link")]
    NotYourClaim,
    #[error("the claim is {status} and can no longer change")]
    FinalStatus { status: Status },
    #[error("cannot {action} a claim that is {from}")]
    WrongStatus { action: Action, from: Status },
    #[error("no proof of execution uploaded")]
    MissingProofOfExecution,
    #[error("the claim is incomplete")]
    Incomplete(Vec<MissingItem>),
    #[error("the rejection has already been disputed")]
    DisputeAlreadyUsed,
    #[error("the dispute period has ended")]
    DisputeWindowClosed,
    #[error("the opt-out window has closed")]
    WindowClosed,
    #[error("the opt-out window is still open")]
    WindowStillOpen,
    #[error("not due yet")]
    NotDueYet,
    #[error("the answer is overdue")]
    AnswerOverdue,
    #[error("{reason} is not a reason this actor may choose")]
    ReasonNotChoosable { reason: RejectionReason },
    #[error("the reason needs an explanation")]
    ReasonTextRequired,
    #[error("calendar: {0}")]
    Calendar(CalendarError),
}

impl Message for TransitionError {
    fn key(&self) -> &'static str {
        match self {
            TransitionError::NotAllowedForActor { .. } => "transition.not_allowed_for_actor",
            TransitionError::NotYourClaim => "transition.not_your_claim",
            TransitionError::FinalStatus { .. } => "transition.final_status",
            TransitionError::WrongStatus { .. } => "transition.wrong_status",
            TransitionError::MissingProofOfExecution => "transition.missing_proof_of_execution",
            TransitionError::Incomplete(_) => "transition.incomplete",
            TransitionError::DisputeAlreadyUsed => "transition.dispute_already_used",
            TransitionError::DisputeWindowClosed => "transition.dispute_window_closed",
            TransitionError::WindowClosed => "transition.window_closed",
            TransitionError::WindowStillOpen => "transition.window_still_open",
            TransitionError::NotDueYet => "transition.not_due_yet",
            TransitionError::AnswerOverdue => "transition.answer_overdue",
            TransitionError::ReasonNotChoosable { .. } => "transition.reason_not_choosable",
            TransitionError::ReasonTextRequired => "transition.reason_text_required",
            TransitionError::Calendar(error) => error.key(),
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            TransitionError::Incomplete(items) => vec![("count", items.len().to_string())],
            TransitionError::Calendar(error) => error.args(),
            _ => Vec::new(),
        }
    }
}

impl From<CalendarError> for TransitionError {
    fn from(error: CalendarError) -> Self {
        TransitionError::Calendar(error)
    }
}
