//! Every (status × action × actor) combination: the permitted ones give the right status and
//! one correct audit entry; all others the right error. The permissions are written out here
//! independently of the implementation's tables.

use crate::support::{berlin, comment, utc};
use chrono::{DateTime, Duration, Utc};
use portal::domain::claim::{
    self, Action, Actor, ActorKind, ClaimSnapshot, DisputeDecision, RejectionReason, Status,
    Transition, TransitionError,
};
use portal::domain::ids::{ClaimId, OrganisationId, UserId};

pub fn t0() -> DateTime<Utc> {
    utc(2025, 3, 12, 10, 0)
}

/// A claim in `status` whose own conditions allow every action from that status at the
/// time [`now_for`] gives: proof uploaded, nothing missing, deadlines three days after t0,
/// rejected a day before t0.
pub fn snapshot(status: Status) -> ClaimSnapshot {
    let later = t0() + Duration::days(3);
    ClaimSnapshot {
        id: ClaimId::new("claim-1"),
        status,
        owner: OrganisationId::new("org-a"),
        rejected_at: Some(t0() - Duration::days(1)),
        dispute_used: false,
        window_closes_at: Some(later),
        action_required_due: Some(later),
        ends_at: Some(later),
        poe_file_count: 1,
        missing: vec![],
    }
}

/// The system's actions wait for a deadline; the others act before it.
pub fn now_for(action: Action) -> DateTime<Utc> {
    match action {
        Action::CloseWindow | Action::Expire | Action::TimeOutActionRequired => {
            t0() + Duration::days(4)
        }
        _ => t0(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    OwnPartner,
    OtherPartner,
    Reviewer,
    Administrator,
    OwnCustomerLink,
    OtherCustomerLink,
    System,
}

const EVERYONE: [Who; 7] = [
    Who::OwnPartner,
    Who::OtherPartner,
    Who::Reviewer,
    Who::Administrator,
    Who::OwnCustomerLink,
    Who::OtherCustomerLink,
    Who::System,
];

fn actor(who: Who) -> Actor {
    match who {
        Who::OwnPartner => Actor::Partner {
            user: UserId::new("u-a"),
            organisation: OrganisationId::new("org-a"),
        },
        Who::OtherPartner => Actor::Partner {
            user: UserId::new("u-b"),
            organisation: OrganisationId::new("org-b"),
        },
        Who::Reviewer => Actor::Reviewer {
            user: UserId::new("u-r"),
        },
        Who::Administrator => Actor::Administrator {
            user: UserId::new("u-x"),
        },
        Who::OwnCustomerLink => Actor::CustomerLink {
            claim: ClaimId::new("claim-1"),
        },
        Who::OtherCustomerLink => Actor::CustomerLink {
            claim: ClaimId::new("claim-2"),
        },
        Who::System => Actor::System,
    }
}

/// The SPEC's arrows with who may take them: (action, from, to, who).
fn permitted() -> Vec<(Action, Status, Status, Vec<Who>)> {
    use Status::*;
    use Who::*;
    let partner = || vec![OwnPartner];
    let staff = || vec![Reviewer, Administrator];
    let mut rows = vec![
        (Action::Submit, Draft, Submitted, partner()),
        (Action::Validate, Submitted, PendingCustomer, staff()),
        (
            Action::AskForInformation,
            Submitted,
            ActionRequired,
            staff(),
        ),
        (Action::Reject, Submitted, Rejected, staff()),
        (Action::Resubmit, ActionRequired, Submitted, partner()),
        (
            Action::TimeOutActionRequired,
            ActionRequired,
            Rejected,
            vec![System],
        ),
        (Action::Dispute, Rejected, Disputed, partner()),
        (Action::DecideDispute, Disputed, PendingCustomer, staff()),
        (
            Action::OptOut,
            PendingCustomer,
            OptedOut,
            vec![OwnCustomerLink],
        ),
        (Action::CloseWindow, PendingCustomer, Official, vec![System]),
        (Action::Expire, Official, Expired, vec![System]),
        (
            Action::EndByCustomer,
            Official,
            OptedOut,
            vec![OwnCustomerLink],
        ),
    ];
    for from in [Draft, Submitted, ActionRequired, PendingCustomer] {
        rows.push((Action::Withdraw, from, Withdrawn, partner()));
    }
    rows
}

/// The kinds of actor that may take an action at all.
fn kinds_for(action: Action) -> Vec<ActorKind> {
    let mut kinds: Vec<ActorKind> = permitted()
        .into_iter()
        .filter(|(a, ..)| *a == action)
        .flat_map(|(.., who)| who)
        .map(|who| actor(who).kind())
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// Takes `action` with ordinary arguments: a comment, an "insufficient proof" rejection, an
/// accepted dispute, no conflict, Berlin's calendar.
pub fn perform(
    action: Action,
    claim: &ClaimSnapshot,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Transition, TransitionError> {
    let cal = berlin();
    match action {
        Action::Submit => claim::submit(claim, actor, now),
        Action::AskForInformation => claim::ask_for_information(
            claim,
            actor,
            now,
            &cal,
            comment("Please upload the signed SOW"),
        ),
        Action::Resubmit => claim::resubmit(claim, actor, now),
        Action::Validate => claim::validate(claim, actor, now, &cal, None),
        Action::Reject => claim::reject(
            claim,
            actor,
            now,
            RejectionReason::InsufficientProofOfExecution,
            None,
        ),
        Action::Dispute => {
            claim::dispute(claim, actor, now, comment("The SOW is signed on page 3"))
        }
        Action::DecideDispute => {
            claim::decide_dispute(claim, actor, now, DisputeDecision::Accept, &cal, None)
        }
        Action::OptOut => claim::opt_out(claim, actor, now, None),
        Action::EndByCustomer => {
            claim::end_by_customer(claim, actor, now, comment("We no longer work with them"))
        }
        Action::CloseWindow => claim::close_window(claim, actor, now, None),
        Action::Expire => claim::expire(claim, actor, now),
        Action::Withdraw => claim::withdraw(claim, actor, now),
        Action::TimeOutActionRequired => claim::time_out_action_required(claim, actor, now),
    }
}

#[test]
fn every_status_action_and_actor() {
    let rows = permitted();
    let mut allowed_count = 0;
    for &status in Status::ALL {
        for &action in Action::ALL {
            for who in EVERYONE {
                let claim = snapshot(status);
                let actor = actor(who);
                let now = now_for(action);
                let result = perform(action, &claim, &actor, now);
                let case = format!("{action} from {status} by {who:?}");
                let row = rows.iter().find(|(a, from, _, whos)| {
                    *a == action && *from == status && whos.contains(&who)
                });
                match row {
                    Some((_, _, to, _)) => {
                        allowed_count += 1;
                        let transition =
                            result.unwrap_or_else(|e| panic!("{case}: refused with {e:?}"));
                        assert_eq!(transition.to, *to, "{case}");
                        assert_eq!(transition.action, action, "{case}");
                        assert_eq!(transition.audit.from, status, "{case}");
                        assert_eq!(transition.audit.to, *to, "{case}");
                        assert_eq!(transition.audit.actor, actor, "{case}");
                        assert_eq!(transition.audit.at, now, "{case}");
                    }
                    None => {
                        let expected = if !kinds_for(action).contains(&actor.kind()) {
                            TransitionError::NotAllowedForActor {
                                action,
                                actor: actor.kind(),
                            }
                        } else if matches!(who, Who::OtherPartner | Who::OtherCustomerLink) {
                            TransitionError::NotYourClaim
                        } else if matches!(
                            status,
                            Status::OptedOut | Status::Expired | Status::Withdrawn
                        ) {
                            TransitionError::FinalStatus { status }
                        } else {
                            TransitionError::WrongStatus {
                                action,
                                from: status,
                            }
                        };
                        assert_eq!(result.err(), Some(expected), "{case}");
                    }
                }
                let listed = claim::allowed_actions(&claim, &actor, now).contains(&action);
                assert_eq!(listed, row.is_some(), "allowed_actions for {case}");
            }
        }
    }
    assert_eq!(
        allowed_count, 20,
        "permitted (action, status, actor) triples"
    );
}

#[test]
fn deadlines_and_reasons_are_set_by_the_transition_that_needs_them() {
    let cal = berlin();
    // Wed 12 Mar 2025 10:00 UTC: five Berlin business days end on Wed 19 Mar, so 00:00 CET
    // on Thu 20 Mar = 23:00 UTC on 19 Mar.
    let five_days = utc(2025, 3, 19, 23, 0);
    let reviewer = actor(Who::Reviewer);
    let validated = perform(
        Action::Validate,
        &snapshot(Status::Submitted),
        &reviewer,
        t0(),
    )
    .unwrap();
    assert_eq!(validated.window_closes_at, Some(five_days));
    assert_eq!(validated.audit.reason, None);
    let asked = perform(
        Action::AskForInformation,
        &snapshot(Status::Submitted),
        &reviewer,
        t0(),
    )
    .unwrap();
    assert_eq!(
        asked.action_required_due,
        Some(cal.add_business_days(t0(), 5).unwrap())
    );
    assert_eq!(asked.action_required_due, Some(five_days));
    let reason = asked.audit.reason.unwrap();
    assert_eq!(reason.code.as_str(), "information_requested");
    assert_eq!(
        reason.text.unwrap().as_str(),
        "Please upload the signed SOW"
    );
    let rejected = perform(
        Action::Reject,
        &snapshot(Status::Submitted),
        &reviewer,
        t0(),
    )
    .unwrap();
    assert_eq!(
        rejected.audit.reason.unwrap().code.as_str(),
        "insufficient_proof_of_execution"
    );
    let timed_out = perform(
        Action::TimeOutActionRequired,
        &snapshot(Status::ActionRequired),
        &Actor::System,
        now_for(Action::TimeOutActionRequired),
    )
    .unwrap();
    assert_eq!(
        timed_out.audit.reason.unwrap().code.as_str(),
        "no_partner_response"
    );
}
