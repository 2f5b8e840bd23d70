//! The claim's life, exactly as the SPEC's status diagram: the statuses, who acts, what a
//! change records, and (in [`transitions`]) one function per arrow.
//!
//! ```text
//! Draft ─submit─► Submitted ─validate─► Pending customer ─close window─► Official ─expire─► Expired
//!                  │  ▲                    └─opt out─► Opted out ◄─end by customer─┘
//!                  │  └─resubmit─ Action required ─time out (5 business days)─► Rejected
//!                  ├─ask for information─► Action required
//!                  └─reject─► Rejected ─dispute (once, ≤ 30 days)─► Disputed ─decide─► Pending customer | Rejected
//! Draft, Submitted, Action required, Pending customer ─withdraw─► Withdrawn
//! ```
//! Validating, closing the window or accepting a dispute while another partner officially
//! holds one of the claim's keys rejects the claim ("workload already associated").
//!
//! The customer may end an official association at any time (CPOR lets customers decline
//! whenever they like): Official ─end by customer─► Opted out. Opted out, not Expired: the
//! customer refused it, as in their window; the history tells the two apart by the reason
//! ("ended by the customer"). Leaving Official frees the association's keys.

mod closing;
mod editing;
mod error;
mod rules;
mod transitions;

pub use closing::{DueWindow, close_windows};
pub use editing::{Section, can_edit, next_section};
pub use error::TransitionError;
pub use rules::{allowed_actions, check};
pub use transitions::{
    DisputeDecision, ask_for_information, close_window, decide_dispute, dispute, end_by_customer,
    expire, opt_out, reject, resubmit, submit, time_out_action_required, validate, withdraw,
};

use super::draft::MissingItem;
use super::errors::code_enum;
use super::exclusivity::Conflict;
use super::ids::{ClaimId, OrganisationId, UserId};
use super::values::Comment;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Business days the customer has to opt out, and the partner to answer a reviewer.
pub const OPT_OUT_BUSINESS_DAYS: u32 = 5;
pub const ANSWER_BUSINESS_DAYS: u32 = 5;
/// Calendar days after a rejection during which it may be disputed.
pub const DISPUTE_DAYS: i64 = 30;

code_enum! {
    /// Where a claim stands.
    pub enum Status: "status" {
        Draft => "draft",
        Submitted => "submitted",
        ActionRequired => "action_required",
        Rejected => "rejected",
        Disputed => "disputed",
        PendingCustomer => "pending_customer",
        OptedOut => "opted_out",
        Official => "official",
        Expired => "expired",
        Withdrawn => "withdrawn",
    }
}

impl Status {
    /// Statuses nothing ever leaves. A rejection becomes final too once its dispute is used or
    /// its 30 days pass; that depends on the claim and the time: [`ClaimSnapshot::is_final`].
    /// Official is not final: it expires.
    pub fn is_final(self) -> bool {
        matches!(self, Status::OptedOut | Status::Expired | Status::Withdrawn)
    }
}

code_enum! {
    /// The fixed list of reasons a claim is rejected.
    pub enum RejectionReason: "rejection_reason" {
        InsufficientProofOfExecution => "insufficient_proof_of_execution",
        CustomerDeclined => "customer_declined",
        PartnerRequest => "partner_request",
        WorkloadAlreadyAssociated => "workload_already_associated",
        NoPartnerResponse => "no_partner_response",
        Other => "other",
    }
}

impl RejectionReason {
    /// "Other" means nothing without an explanation.
    pub fn requires_text(self) -> bool {
        self == RejectionReason::Other
    }

    /// Whether `actor` may give this reason. "No partner response" is the portal's own:
    /// it is given when an answer is overdue, never chosen by a person.
    pub fn choosable_by(self, actor: ActorKind) -> bool {
        self != RejectionReason::NoPartnerResponse || actor == ActorKind::System
    }

    /// The reasons `actor` chooses from when rejecting, in the list's order.
    pub fn choices_for(actor: ActorKind) -> Vec<RejectionReason> {
        Self::ALL
            .iter()
            .copied()
            .filter(|reason| reason.choosable_by(actor))
            .collect()
    }
}

code_enum! {
    /// Something that can happen to a claim: one per transition function.
    pub enum Action: "action" {
        Submit => "submit",
        AskForInformation => "ask_for_information",
        Resubmit => "resubmit",
        Validate => "validate",
        Reject => "reject",
        Dispute => "dispute",
        DecideDispute => "decide_dispute",
        OptOut => "opt_out",
        EndByCustomer => "end_by_customer",
        CloseWindow => "close_window",
        Expire => "expire",
        Withdraw => "withdraw",
        TimeOutActionRequired => "time_out_action_required",
    }
}

code_enum! {
    /// The kinds of [`Actor`], for audit display and permission tables.
    pub enum ActorKind: "actor" {
        Partner => "partner",
        Reviewer => "reviewer",
        Administrator => "administrator",
        CustomerLink => "customer_link",
        System => "system",
    }
}

/// Who causes a change.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Actor {
    /// A partner user acting for their organisation.
    Partner {
        user: UserId,
        organisation: OrganisationId,
    },
    Reviewer {
        user: UserId,
    },
    Administrator {
        user: UserId,
    },
    /// Whoever holds the opt-out link emailed for this claim (the customer contact).
    CustomerLink {
        claim: ClaimId,
    },
    /// The portal's own jobs (closing windows, expiry, deadlines).
    System,
}

impl Actor {
    pub fn kind(&self) -> ActorKind {
        match self {
            Actor::Partner { .. } => ActorKind::Partner,
            Actor::Reviewer { .. } => ActorKind::Reviewer,
            Actor::Administrator { .. } => ActorKind::Administrator,
            Actor::CustomerLink { .. } => ActorKind::CustomerLink,
            Actor::System => ActorKind::System,
        }
    }

    /// The signed-in user, for actors that are one.
    pub fn user(&self) -> Option<&UserId> {
        match self {
            Actor::Partner { user, .. }
            | Actor::Reviewer { user }
            | Actor::Administrator { user } => Some(user),
            Actor::CustomerLink { .. } | Actor::System => None,
        }
    }
}

/// Why a change happened, as recorded in the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "reason", rename_all = "snake_case")]
pub enum ReasonCode {
    Rejection(RejectionReason),
    InformationRequested,
    DisputeRaised,
    DisputeAccepted,
    DisputeDeclined,
    CustomerOptedOut,
    /// The customer ended an official association from their tenant view.
    CustomerEnded,
}

impl ReasonCode {
    /// A stable code for storage; rejection reasons keep their own codes.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::Rejection(reason) => reason.as_str(),
            ReasonCode::InformationRequested => "information_requested",
            ReasonCode::DisputeRaised => "dispute_raised",
            ReasonCode::DisputeAccepted => "dispute_accepted",
            ReasonCode::DisputeDeclined => "dispute_declined",
            ReasonCode::CustomerOptedOut => "customer_opted_out",
            ReasonCode::CustomerEnded => "customer_ended",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        RejectionReason::parse(code)
            .map(ReasonCode::Rejection)
            .or_else(|| Self::OTHERS.iter().copied().find(|c| c.as_str() == code))
    }

    pub fn label_key(self) -> &'static str {
        match self {
            ReasonCode::Rejection(reason) => reason.label_key(),
            ReasonCode::InformationRequested => "reason.information_requested",
            ReasonCode::DisputeRaised => "reason.dispute_raised",
            ReasonCode::DisputeAccepted => "reason.dispute_accepted",
            ReasonCode::DisputeDeclined => "reason.dispute_declined",
            ReasonCode::CustomerOptedOut => "reason.customer_opted_out",
            ReasonCode::CustomerEnded => "reason.customer_ended",
        }
    }

    /// Every code that is not a rejection reason.
    pub const OTHERS: &'static [ReasonCode] = &[
        ReasonCode::InformationRequested,
        ReasonCode::DisputeRaised,
        ReasonCode::DisputeAccepted,
        ReasonCode::DisputeDeclined,
        ReasonCode::CustomerOptedOut,
        ReasonCode::CustomerEnded,
    ];
}

/// A reason code plus what the person wrote, if anything.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AuditReason {
    pub code: ReasonCode,
    pub text: Option<Comment>,
}

/// One line of a claim's history: who, when, from which status to which, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AuditEntry {
    pub actor: Actor,
    pub from: Status,
    pub to: Status,
    pub reason: Option<AuditReason>,
    pub at: DateTime<Utc>,
}

/// The result of a permitted change: the new status, the history line, and the deadlines
/// the change sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub action: Action,
    pub to: Status,
    pub audit: AuditEntry,
    /// Set when the claim enters Pending customer: when the opt-out window closes.
    pub window_closes_at: Option<DateTime<Utc>>,
    /// Set when the claim enters Action required: when the partner's answer is due.
    pub action_required_due: Option<DateTime<Utc>>,
    /// The other partner's association, when this change is a rejection because of it.
    pub conflict: Option<Conflict>,
}

/// Whether a rejected claim can still be disputed ([`DISPUTE_DAYS`] after the rejection,
/// once), and until when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisputeStanding {
    /// It can be disputed up to and including this instant.
    Open { until: DateTime<Utc> },
    /// The time to dispute ended at this instant.
    Passed { at: DateTime<Utc> },
    /// The one dispute was raised (and declined): the rejection is final.
    Used,
}

/// What the rules need to know about a claim (loaded by the service).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimSnapshot {
    pub id: ClaimId,
    pub status: Status,
    pub owner: OrganisationId,
    /// When the claim was last rejected (the dispute period runs from here).
    pub rejected_at: Option<DateTime<Utc>>,
    /// The one dispute has been raised; a rejection after it is final.
    pub dispute_used: bool,
    pub window_closes_at: Option<DateTime<Utc>>,
    pub action_required_due: Option<DateTime<Utc>>,
    /// When an official association ends (the subscription's end), if known.
    pub ends_at: Option<DateTime<Utc>>,
    pub poe_file_count: u32,
    /// What the draft still lacks, from [`crate::domain::draft::missing_for_submit`].
    pub missing: Vec<MissingItem>,
}

impl ClaimSnapshot {
    /// A fresh draft with nothing filled in yet.
    pub fn new_draft(id: ClaimId, owner: OrganisationId) -> Self {
        Self {
            id,
            status: Status::Draft,
            owner,
            rejected_at: None,
            dispute_used: false,
            window_closes_at: None,
            action_required_due: None,
            ends_at: None,
            poe_file_count: 0,
            missing: Vec::new(),
        }
    }

    /// The last moment a rejection can be disputed.
    pub fn dispute_deadline(&self) -> Option<DateTime<Utc>> {
        self.rejected_at
            .and_then(|at| at.checked_add_signed(Duration::days(DISPUTE_DAYS)))
    }

    /// Where a rejection stands with its one dispute (`None` for a claim not rejected).
    pub fn dispute_standing(&self, now: DateTime<Utc>) -> Option<DisputeStanding> {
        if self.status != Status::Rejected {
            return None;
        }
        if self.dispute_used {
            return Some(DisputeStanding::Used);
        }
        let until = self.dispute_deadline()?;
        Some(if now > until {
            DisputeStanding::Passed { at: until }
        } else {
            DisputeStanding::Open { until }
        })
    }

    /// Whether nothing can happen to the claim any more, including "Rejected (final)".
    pub fn is_final(&self, now: DateTime<Utc>) -> bool {
        self.status.is_final()
            || (self.status == Status::Rejected
                && (self.dispute_used || self.dispute_deadline().is_none_or(|end| now > end)))
    }

    /// The snapshot after a transition, as the service will store it.
    pub fn apply(&mut self, transition: &Transition) {
        self.status = transition.to;
        match transition.to {
            Status::Rejected => self.rejected_at = Some(transition.audit.at),
            Status::PendingCustomer => self.window_closes_at = transition.window_closes_at,
            _ => {}
        }
        self.action_required_due = match transition.to {
            Status::ActionRequired => transition.action_required_due,
            _ => None,
        };
        if transition.action == Action::Dispute {
            self.dispute_used = true;
        }
    }
}
