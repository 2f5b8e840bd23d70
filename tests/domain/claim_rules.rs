//! The conditions of single transitions, at their edges.

use crate::claim_table::{snapshot, t0};
use crate::support::{berlin, comment, date};
use chrono::{Duration, Weekday};
use portal::domain::calendar::{BusinessCalendar, CalendarError};
use portal::domain::claim::{
    self, Action, Actor, DisputeDecision, DisputeStanding, RejectionReason, Status, TransitionError,
};
use portal::domain::draft::MissingItem;
use portal::domain::exclusivity::{AssociationKey, Conflict, KeySubject, OfficialAssociation};
use portal::domain::ids::{ClaimId, OrganisationId, UserId};
use portal::domain::programme::Programme;
use portal::domain::values::TenantId;

fn partner() -> Actor {
    Actor::Partner {
        user: UserId::new("u-a"),
        organisation: OrganisationId::new("org-a"),
    }
}

fn reviewer() -> Actor {
    Actor::Reviewer {
        user: UserId::new("u-r"),
    }
}

fn customer() -> Actor {
    Actor::CustomerLink {
        claim: ClaimId::new("claim-1"),
    }
}

fn conflict_with(organisation: &str) -> Conflict {
    held_by_claim("claim-9", organisation)
}

fn held_by_claim(claim: &str, organisation: &str) -> Conflict {
    Conflict {
        own_organisation: organisation == "org-a",
        held_by: OfficialAssociation {
            claim: ClaimId::new(claim),
            organisation: OrganisationId::new(organisation),
            key: AssociationKey {
                programme: Programme::OsuM365,
                tenant: TenantId::parse("72f988bf-86f1-41af-91ab-2d7cd011db47").unwrap(),
                subject: KeySubject::Workload("exchange-online".into()),
            },
        },
    }
}

#[test]
fn submit_needs_a_complete_claim_and_proof_of_execution() {
    let mut draft = snapshot(Status::Draft);
    draft.missing = vec![MissingItem::Products, MissingItem::CompanyContact];
    assert_eq!(
        claim::submit(&draft, &partner(), t0()),
        Err(TransitionError::Incomplete(vec![
            MissingItem::Products,
            MissingItem::CompanyContact
        ]))
    );
    draft.missing.clear();
    draft.poe_file_count = 0;
    assert_eq!(
        claim::submit(&draft, &partner(), t0()),
        Err(TransitionError::MissingProofOfExecution)
    );
    let mut answering = snapshot(Status::ActionRequired);
    answering.poe_file_count = 0;
    assert_eq!(
        claim::resubmit(&answering, &partner(), t0()),
        Err(TransitionError::MissingProofOfExecution)
    );
}

#[test]
fn the_partner_answers_strictly_before_the_deadline_and_the_system_acts_from_it() {
    let claim = snapshot(Status::ActionRequired);
    let due = claim.action_required_due.unwrap();
    let just_before = due - Duration::seconds(1);
    assert!(claim::resubmit(&claim, &partner(), just_before).is_ok());
    assert_eq!(
        claim::resubmit(&claim, &partner(), due),
        Err(TransitionError::AnswerOverdue)
    );
    assert_eq!(
        claim::time_out_action_required(&claim, &Actor::System, just_before),
        Err(TransitionError::NotDueYet)
    );
    let timed_out = claim::time_out_action_required(&claim, &Actor::System, due).unwrap();
    assert_eq!(timed_out.to, Status::Rejected);
}

#[test]
fn opt_out_before_the_window_closes_and_officialise_from_then_on() {
    let claim = snapshot(Status::PendingCustomer);
    let closes = claim.window_closes_at.unwrap();
    assert!(claim::opt_out(&claim, &customer(), closes - Duration::seconds(1), None).is_ok());
    assert_eq!(
        claim::opt_out(&claim, &customer(), closes, None),
        Err(TransitionError::WindowClosed)
    );
    assert_eq!(
        claim::close_window(&claim, &Actor::System, closes - Duration::seconds(1), None),
        Err(TransitionError::WindowStillOpen)
    );
    assert_eq!(
        claim::close_window(&claim, &Actor::System, closes, None)
            .unwrap()
            .to,
        Status::Official
    );
    let mut unset = claim.clone();
    unset.window_closes_at = None;
    assert_eq!(
        claim::opt_out(&unset, &customer(), t0(), None),
        Err(TransitionError::WindowClosed)
    );
    assert_eq!(
        claim::close_window(&unset, &Actor::System, t0(), None),
        Err(TransitionError::WindowStillOpen)
    );
}

#[test]
fn a_rejection_is_disputed_once_within_thirty_days() {
    let mut rejected = snapshot(Status::Rejected);
    let at = t0();
    rejected.rejected_at = Some(at);
    let why = || comment("The SOW is signed");
    assert!(claim::dispute(&rejected, &partner(), at + Duration::days(30), why()).is_ok());
    assert_eq!(
        claim::dispute(
            &rejected,
            &partner(),
            at + Duration::days(30) + Duration::seconds(1),
            why()
        ),
        Err(TransitionError::DisputeWindowClosed)
    );
    assert!(
        rejected.is_final(at + Duration::days(31)) && !rejected.is_final(at + Duration::days(29))
    );

    let mut claim = rejected.clone();
    claim.apply(&claim::dispute(&claim, &partner(), at, why()).unwrap());
    assert!(claim.dispute_used && claim.status == Status::Disputed);
    let declined = claim::decide_dispute(
        &claim,
        &reviewer(),
        at,
        DisputeDecision::Decline(Some(comment("Not signed"))),
        &berlin(),
        None,
    )
    .unwrap();
    assert_eq!(
        declined.audit.reason.as_ref().unwrap().code.as_str(),
        "dispute_declined"
    );
    claim.apply(&declined);
    assert_eq!(claim.status, Status::Rejected);
    assert!(claim.is_final(at), "Rejected (final)");
    assert_eq!(
        claim::dispute(&claim, &partner(), at, why()),
        Err(TransitionError::DisputeAlreadyUsed)
    );
    assert!(claim::allowed_actions(&claim, &partner(), at).is_empty());
}

#[test]
fn the_dispute_standing_agrees_with_the_dispute_rule_to_the_second() {
    let mut rejected = snapshot(Status::Rejected);
    let at = t0();
    rejected.rejected_at = Some(at);
    let until = at + Duration::days(30);
    assert_eq!(
        rejected.dispute_standing(until),
        Some(DisputeStanding::Open { until })
    );
    assert!(claim::allowed_actions(&rejected, &partner(), until).contains(&Action::Dispute));
    let later = until + Duration::seconds(1);
    assert_eq!(
        rejected.dispute_standing(later),
        Some(DisputeStanding::Passed { at: until })
    );
    assert!(!claim::allowed_actions(&rejected, &partner(), later).contains(&Action::Dispute));
    rejected.dispute_used = true;
    assert_eq!(rejected.dispute_standing(at), Some(DisputeStanding::Used));
    assert_eq!(snapshot(Status::Submitted).dispute_standing(at), None);
}

#[test]
fn a_rejection_by_time_out_can_be_disputed() {
    let mut claim = snapshot(Status::ActionRequired);
    let due = claim.action_required_due.unwrap();
    claim.apply(&claim::time_out_action_required(&claim, &Actor::System, due).unwrap());
    assert_eq!(claim.rejected_at, Some(due));
    assert_eq!(
        claim::allowed_actions(&claim, &partner(), due + Duration::days(1)),
        vec![Action::Dispute]
    );
}

#[test]
fn other_needs_an_explanation() {
    let claim = snapshot(Status::Submitted);
    assert_eq!(
        claim::reject(&claim, &reviewer(), t0(), RejectionReason::Other, None),
        Err(TransitionError::ReasonTextRequired)
    );
    let rejected = claim::reject(
        &claim,
        &reviewer(),
        t0(),
        RejectionReason::Other,
        Some(comment("Duplicate of claim 12")),
    )
    .unwrap();
    assert_eq!(
        rejected.audit.reason.unwrap().text.unwrap().as_str(),
        "Duplicate of claim 12"
    );
}

#[test]
fn another_partners_official_association_turns_validation_into_rejection() {
    let cal = berlin();
    let other = conflict_with("org-b");
    let validated = claim::validate(
        &snapshot(Status::Submitted),
        &reviewer(),
        t0(),
        &cal,
        Some(&other),
    )
    .unwrap();
    assert_eq!(validated.to, Status::Rejected);
    assert_eq!(
        validated.audit.reason.as_ref().unwrap().code.as_str(),
        "workload_already_associated"
    );
    assert_eq!(validated.conflict, Some(other.clone()));
    assert_eq!(validated.window_closes_at, None);
    let closed = claim::close_window(
        &snapshot(Status::PendingCustomer),
        &Actor::System,
        t0() + Duration::days(4),
        Some(&other),
    )
    .unwrap();
    assert_eq!(closed.to, Status::Rejected);
    let accepted = claim::decide_dispute(
        &snapshot(Status::Disputed),
        &reviewer(),
        t0(),
        DisputeDecision::Accept,
        &cal,
        Some(&other),
    )
    .unwrap();
    assert_eq!(accepted.to, Status::Rejected);
    // Another claim of the same organisation holding the key conflicts too: two official
    // associations on one key must be impossible.
    let own = conflict_with("org-a");
    let refused = claim::validate(
        &snapshot(Status::Submitted),
        &reviewer(),
        t0(),
        &cal,
        Some(&own),
    )
    .unwrap();
    assert_eq!(refused.to, Status::Rejected);
    // The claim's own key is no conflict with itself.
    let itself = held_by_claim(snapshot(Status::Submitted).id.as_str(), "org-a");
    let validated = claim::validate(
        &snapshot(Status::Submitted),
        &reviewer(),
        t0(),
        &cal,
        Some(&itself),
    )
    .unwrap();
    assert_eq!(validated.to, Status::PendingCustomer);
}

#[test]
fn expiry_waits_for_the_subscription_end() {
    let claim = snapshot(Status::Official);
    let ends = claim.ends_at.unwrap();
    assert_eq!(
        claim::expire(&claim, &Actor::System, ends - Duration::seconds(1)),
        Err(TransitionError::NotDueYet)
    );
    assert_eq!(
        claim::expire(&claim, &Actor::System, ends).unwrap().to,
        Status::Expired
    );
    let mut open_ended = claim.clone();
    open_ended.ends_at = None;
    assert_eq!(
        claim::expire(&open_ended, &Actor::System, ends),
        Err(TransitionError::NotDueYet)
    );
}

#[test]
fn a_calendar_without_business_days_ahead_is_an_error_not_a_hang() {
    let holidays = date(2025, 1, 1).iter_days().take(11 * 366);
    let cal = BusinessCalendar::new(chrono_tz::UTC, [Weekday::Sun], holidays).unwrap();
    let result = claim::validate(&snapshot(Status::Submitted), &reviewer(), t0(), &cal, None);
    assert!(matches!(
        result,
        Err(TransitionError::Calendar(
            CalendarError::SearchLimitReached { .. }
        ))
    ));
}

#[test]
fn apply_records_what_the_transition_set() {
    let mut claim = snapshot(Status::Submitted);
    claim.action_required_due = None;
    let asked =
        claim::ask_for_information(&claim, &reviewer(), t0(), &berlin(), comment("More")).unwrap();
    claim.apply(&asked);
    assert_eq!(
        (claim.status, claim.action_required_due),
        (Status::ActionRequired, asked.action_required_due)
    );
    claim.apply(&claim::resubmit(&claim, &partner(), t0()).unwrap());
    assert_eq!(
        (claim.status, claim.action_required_due),
        (Status::Submitted, None)
    );
}

#[test]
fn only_drafts_are_edited_except_what_action_required_reopens() {
    use claim::{Section, can_edit};
    for status in Status::ALL.iter().copied() {
        for section in Section::ALL {
            let expected = match status {
                Status::Draft => true,
                Status::ActionRequired => matches!(
                    section,
                    Section::Products | Section::Contacts | Section::ProofOfExecution
                ),
                _ => false,
            };
            assert_eq!(
                can_edit(status, section),
                expected,
                "{status:?} {section:?}"
            );
        }
    }
    assert!(!can_edit(Status::ActionRequired, Section::Name));
    assert!(!can_edit(Status::Submitted, Section::ProofOfExecution));
}
