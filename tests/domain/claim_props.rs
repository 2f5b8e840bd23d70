//! Random runs of actions by random actors never leave the SPEC's graph, never leave a final
//! status, and record exactly one audit entry per change, chained from status to status.

use crate::claim_table::t0;
use crate::support::{berlin, comment};
use chrono::Duration;
use portal::domain::claim::{
    self, Action, Actor, AuditEntry, ClaimSnapshot, DisputeDecision, RejectionReason, Status,
    Transition, TransitionError,
};
use portal::domain::exclusivity::{AssociationKey, Conflict, KeySubject, OfficialAssociation};
use portal::domain::ids::{ClaimId, OrganisationId, UserId};
use portal::domain::programme::Programme;
use portal::domain::values::SubscriptionId;
use proptest::prelude::*;

/// The SPEC diagram's edges, written out on their own.
const EDGES: [(Status, Status); 18] = {
    use Status::*;
    [
        (Draft, Submitted),
        (Submitted, PendingCustomer),
        (Submitted, ActionRequired),
        (Submitted, Rejected),
        (ActionRequired, Submitted),
        (ActionRequired, Rejected),
        (Rejected, Disputed),
        (Disputed, PendingCustomer),
        (Disputed, Rejected),
        (PendingCustomer, Official),
        (PendingCustomer, OptedOut),
        (PendingCustomer, Rejected),
        (Official, Expired),
        (Official, OptedOut),
        (Draft, Withdrawn),
        (Submitted, Withdrawn),
        (ActionRequired, Withdrawn),
        (PendingCustomer, Withdrawn),
    ]
};

#[derive(Debug, Clone)]
struct Step {
    action: usize,
    actor: usize,
    advance_hours: i64,
    upload: bool,
    conflict: bool,
    accept: bool,
    /// Pick among the actions currently allowed (so runs get deep into the graph) rather
    /// than any action (so refusals are exercised too).
    prefer_allowed: bool,
}

fn step() -> impl Strategy<Value = Step> {
    (
        0..Action::ALL.len(),
        0usize..7,
        0i64..(24 * 12),
        any::<bool>(),
        prop::bool::weighted(0.2),
        any::<bool>(),
        prop::bool::weighted(0.7),
    )
        .prop_map(
            |(action, actor, advance_hours, upload, conflict, accept, prefer_allowed)| Step {
                action,
                actor,
                advance_hours,
                upload,
                conflict,
                accept,
                prefer_allowed,
            },
        )
}

fn actors() -> [Actor; 7] {
    let org = |o: &str| OrganisationId::new(o);
    [
        Actor::Partner {
            user: UserId::new("u-a"),
            organisation: org("org-a"),
        },
        Actor::Partner {
            user: UserId::new("u-b"),
            organisation: org("org-b"),
        },
        Actor::Reviewer {
            user: UserId::new("u-r"),
        },
        Actor::Administrator {
            user: UserId::new("u-x"),
        },
        Actor::CustomerLink {
            claim: ClaimId::new("claim-1"),
        },
        Actor::CustomerLink {
            claim: ClaimId::new("claim-2"),
        },
        Actor::System,
    ]
}

fn other_partners_key() -> Conflict {
    Conflict {
        own_organisation: false,
        held_by: OfficialAssociation {
            claim: ClaimId::new("claim-9"),
            organisation: OrganisationId::new("org-b"),
            key: AssociationKey {
                programme: Programme::Osa,
                tenant: portal::domain::values::TenantId::parse(
                    "72f988bf-86f1-41af-91ab-2d7cd011db47",
                )
                .unwrap(),
                subject: KeySubject::Subscription(
                    SubscriptionId::parse("0b1f6471-1bf0-4dda-aec3-111122223333").unwrap(),
                ),
            },
        },
    }
}

fn perform(
    action: Action,
    step: &Step,
    claim: &ClaimSnapshot,
    actor: &Actor,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Transition, TransitionError> {
    let cal = berlin();
    let conflict = other_partners_key();
    let conflict = step.conflict.then_some(&conflict);
    match action {
        Action::Submit => claim::submit(claim, actor, now),
        Action::AskForInformation => {
            claim::ask_for_information(claim, actor, now, &cal, comment("More please"))
        }
        Action::Resubmit => claim::resubmit(claim, actor, now),
        Action::Validate => claim::validate(claim, actor, now, &cal, conflict),
        Action::Reject => claim::reject(claim, actor, now, RejectionReason::CustomerDeclined, None),
        Action::Dispute => claim::dispute(claim, actor, now, comment("We disagree")),
        Action::DecideDispute => {
            let decision = if step.accept {
                DisputeDecision::Accept
            } else {
                DisputeDecision::Decline(None)
            };
            claim::decide_dispute(claim, actor, now, decision, &cal, conflict)
        }
        Action::OptOut => claim::opt_out(claim, actor, now, None),
        Action::EndByCustomer => claim::end_by_customer(claim, actor, now, comment("Ended")),
        Action::CloseWindow => claim::close_window(claim, actor, now, conflict),
        Action::Expire => claim::expire(claim, actor, now),
        Action::Withdraw => claim::withdraw(claim, actor, now),
        Action::TimeOutActionRequired => claim::time_out_action_required(claim, actor, now),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn runs_stay_on_the_graph(steps in prop::collection::vec(step(), 1..60)) {
        let mut claim = ClaimSnapshot::new_draft(ClaimId::new("claim-1"), OrganisationId::new("org-a"));
        claim.ends_at = Some(t0() + Duration::days(200));
        let mut now = t0();
        let mut history: Vec<AuditEntry> = Vec::new();
        for step in &steps {
            now += Duration::hours(step.advance_hours);
            if step.upload {
                claim.poe_file_count += 1;
            }
            // Preferred steps pick among every (actor, action) pair allowed now, leaving out
            // withdrawal, which is allowed so often it would end most runs early.
            let everyone = actors();
            let allowed: Vec<(usize, Action)> = everyone
                .iter()
                .enumerate()
                .flat_map(|(i, a)| claim::allowed_actions(&claim, a, now).into_iter().map(move |x| (i, x)))
                .filter(|(_, x)| *x != Action::Withdraw)
                .collect();
            let pick = step.action * 7 + step.actor;
            let (actor_index, action) = match allowed.get(pick % allowed.len().max(1)) {
                Some(&(i, x)) if step.prefer_allowed => (i, x),
                _ => (step.actor, Action::ALL[step.action]),
            };
            let actor = &everyone[actor_index];
            let was_final = claim.is_final(now);
            let before = claim.status;
            match perform(action, step, &claim, actor, now) {
                Ok(transition) => {
                    prop_assert!(!was_final, "left final {:?} by {:?}", before, action);
                    prop_assert!(EDGES.contains(&(before, transition.to)), "{:?} -> {:?} is not an edge", before, transition.to);
                    prop_assert_eq!(transition.audit.from, before);
                    prop_assert_eq!(transition.audit.to, transition.to);
                    prop_assert_eq!(&transition.audit.actor, actor);
                    prop_assert_eq!(transition.audit.at, now);
                    if transition.to == Status::PendingCustomer {
                        prop_assert!(transition.window_closes_at.is_some_and(|at| at > now));
                    }
                    if transition.to == Status::ActionRequired {
                        prop_assert!(transition.action_required_due.is_some_and(|at| at > now));
                    }
                    history.push(transition.audit.clone());
                    claim.apply(&transition);
                }
                Err(_) => prop_assert_eq!(claim.status, before),
            }
        }
        // One entry per change, each starting where the previous ended.
        let mut status = Status::Draft;
        for entry in &history {
            prop_assert_eq!(entry.from, status);
            prop_assert_ne!(entry.from, entry.to);
            status = entry.to;
        }
        prop_assert_eq!(status, claim.status);
    }
}
