//! Who may give which rejection reason, and which reasons need an explanation.

use crate::claim_table::{snapshot, t0};
use crate::support::comment;
use portal::domain::claim::{
    self, Actor, ActorKind, ReasonCode, RejectionReason, Status, TransitionError,
};
use portal::domain::ids::UserId;

fn reviewer() -> Actor {
    Actor::Reviewer {
        user: UserId::new("u-r"),
    }
}

fn administrator() -> Actor {
    Actor::Administrator {
        user: UserId::new("u-admin"),
    }
}

#[test]
fn people_choose_every_reason_but_no_partner_response() {
    for kind in [ActorKind::Reviewer, ActorKind::Administrator] {
        let choices = RejectionReason::choices_for(kind);
        assert_eq!(
            choices,
            [
                RejectionReason::InsufficientProofOfExecution,
                RejectionReason::CustomerDeclined,
                RejectionReason::PartnerRequest,
                RejectionReason::WorkloadAlreadyAssociated,
                RejectionReason::Other,
            ],
            "{kind}"
        );
        for reason in RejectionReason::ALL {
            assert_eq!(reason.choosable_by(kind), choices.contains(reason));
        }
    }
    assert!(RejectionReason::NoPartnerResponse.choosable_by(ActorKind::System));
}

#[test]
fn a_reviewer_cannot_reject_for_no_partner_response() {
    let claim = snapshot(Status::Submitted);
    for actor in [reviewer(), administrator()] {
        let text = Some(comment("They never answered"));
        assert_eq!(
            claim::reject(
                &claim,
                &actor,
                t0(),
                RejectionReason::NoPartnerResponse,
                text
            ),
            Err(TransitionError::ReasonNotChoosable {
                reason: RejectionReason::NoPartnerResponse
            })
        );
    }
    // Every reason in the list is accepted.
    for reason in RejectionReason::choices_for(ActorKind::Reviewer) {
        let rejected =
            claim::reject(&claim, &reviewer(), t0(), reason, Some(comment("Because"))).unwrap();
        assert_eq!(rejected.to, Status::Rejected);
        assert_eq!(
            rejected.audit.reason.unwrap().code,
            ReasonCode::Rejection(reason)
        );
    }
}

#[test]
fn the_portal_still_rejects_an_unanswered_request_for_no_partner_response() {
    let mut claim = snapshot(Status::ActionRequired);
    claim.action_required_due = Some(t0());
    let timed_out = claim::time_out_action_required(&claim, &Actor::System, t0()).unwrap();
    assert_eq!(
        timed_out.audit.reason.unwrap().code,
        ReasonCode::Rejection(RejectionReason::NoPartnerResponse)
    );
}

#[test]
fn only_other_needs_an_explanation() {
    let claim = snapshot(Status::Submitted);
    for reason in RejectionReason::choices_for(ActorKind::Reviewer) {
        assert_eq!(reason.requires_text(), reason == RejectionReason::Other);
        let without_text = claim::reject(&claim, &reviewer(), t0(), reason, None);
        if reason.requires_text() {
            assert_eq!(without_text, Err(TransitionError::ReasonTextRequired));
        } else {
            assert!(without_text.unwrap().audit.reason.unwrap().text.is_none());
        }
    }
}

#[test]
fn who_acts_and_from_where_is_checked_before_the_reason() {
    // A partner is refused for who they are, whatever reason they send.
    let partner = Actor::Partner {
        user: UserId::new("u-a"),
        organisation: portal::domain::ids::OrganisationId::new("org-a"),
    };
    let claim = snapshot(Status::Submitted);
    assert!(matches!(
        claim::reject(&claim, &partner, t0(), RejectionReason::Other, None),
        Err(TransitionError::NotAllowedForActor { .. })
    ));
    // A claim no longer in review is refused for its status.
    let official = snapshot(Status::Official);
    assert!(matches!(
        claim::reject(
            &official,
            &reviewer(),
            t0(),
            RejectionReason::NoPartnerResponse,
            None
        ),
        Err(TransitionError::WrongStatus { .. })
    ));
}
