//! A batch of due windows decided together gives what closing them one after another gives:
//! the first claim on a key becomes official, a later one on that key is rejected, a claim
//! on another key is not affected, and a claim held before the batch wins over all of them.

use chrono::Duration;
use portal::domain::{
    claim::{self, Actor, DueWindow, ReasonCode, RejectionReason, Status, TransitionError},
    exclusivity::{AssociationKey, KeySubject, OfficialAssociation},
    ids::{ClaimId, OrganisationId},
    programme::Programme,
    values::TenantId,
};

use crate::claim_table::{snapshot, t0};

fn key(workload: &str) -> AssociationKey {
    AssociationKey {
        programme: Programme::OsuM365,
        tenant: TenantId::parse("72f988bf-86f1-41af-91ab-2d7cd011db47").unwrap(),
        subject: KeySubject::Workload(workload.into()),
    }
}

fn pending(id: &str, owner: &str) -> claim::ClaimSnapshot {
    let mut claim = snapshot(Status::PendingCustomer);
    claim.id = ClaimId::new(id);
    claim.owner = OrganisationId::new(owner);
    claim
}

fn outcome(
    decided: &Result<claim::Transition, TransitionError>,
) -> Result<Status, TransitionError> {
    decided.as_ref().map(|t| t.to).map_err(Clone::clone)
}

#[test]
fn the_first_claim_on_a_key_wins_within_the_batch() {
    let claims = [
        pending("a", "org-a"),
        pending("b", "org-b"),
        pending("c", "org-c"),
        pending("d", "org-a"),
    ];
    let (teams, exchange) = ([key("teams")], [key("exchange")]);
    let keys: [&[AssociationKey]; 4] = [&teams, &teams, &exchange, &teams];
    let due: Vec<DueWindow<'_>> = claims
        .iter()
        .zip(keys)
        .map(|(claim, keys)| DueWindow { claim, keys })
        .collect();
    let now = t0() + Duration::days(4);
    let decided = claim::close_windows(&due, Vec::new(), &Actor::System, now);
    let statuses: Vec<_> = decided.iter().map(outcome).collect();
    assert_eq!(
        statuses,
        [
            Ok(Status::Official),
            Ok(Status::Rejected),
            Ok(Status::Official),
            Ok(Status::Rejected)
        ]
    );
    let lost = decided[1].as_ref().unwrap();
    assert_eq!(
        lost.audit.reason.as_ref().map(|r| r.code),
        Some(ReasonCode::Rejection(
            RejectionReason::WorkloadAlreadyAssociated
        ))
    );
    let conflict = lost.conflict.as_ref().unwrap();
    assert_eq!(conflict.held_by.claim, ClaimId::new("a"));
    assert!(!conflict.own_organisation);
    // The same organisation's later claim on the key is told it holds it already.
    assert!(
        decided[3]
            .as_ref()
            .unwrap()
            .conflict
            .as_ref()
            .unwrap()
            .own_organisation
    );
}

#[test]
fn a_key_held_before_the_batch_rejects_every_claim_on_it_and_a_refusal_holds_nothing() {
    let mut early = pending("early", "org-a");
    // Its window is still open: refused, and it takes no key.
    early.window_closes_at = Some(t0() + Duration::days(10));
    let claims = [early, pending("b", "org-b"), pending("c", "org-c")];
    let teams = [key("teams")];
    let exchange = [key("exchange")];
    let keys: [&[AssociationKey]; 3] = [&exchange, &teams, &exchange];
    let due: Vec<DueWindow<'_>> = claims
        .iter()
        .zip(keys)
        .map(|(claim, keys)| DueWindow { claim, keys })
        .collect();
    let held = vec![OfficialAssociation {
        claim: ClaimId::new("old"),
        organisation: OrganisationId::new("org-z"),
        key: key("teams"),
    }];
    let now = t0() + Duration::days(4);
    let statuses: Vec<_> = claim::close_windows(&due, held, &Actor::System, now)
        .iter()
        .map(outcome)
        .collect();
    assert_eq!(
        statuses,
        [
            Err(TransitionError::WindowStillOpen),
            Ok(Status::Rejected),
            Ok(Status::Official)
        ]
    );
}
