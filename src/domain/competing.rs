//! Competing claims (SPEC rule 6 seen from the review): other open claims on one of a
//! claim's exclusivity keys. Only one of them can become official; the reviewer sees them
//! all before deciding.

use std::collections::{BTreeMap, BTreeSet};

use super::claim::Status;
use super::exclusivity::{AssociationKey, KeySubject};
use super::ids::ClaimId;
use super::programme::Programme;
use super::values::{SubscriptionId, TenantId};

/// The statuses in which a claim still holds, or may come to hold, its keys.
pub const OPEN: [Status; 5] = [
    Status::Submitted,
    Status::ActionRequired,
    Status::PendingCustomer,
    Status::Disputed,
    Status::Official,
];

/// A claim and the keys it would hold once official.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimKeys {
    pub claim: ClaimId,
    pub keys: Vec<AssociationKey>,
}

/// The other claims sharing a key with `mine`, each with the keys they share (in order).
pub fn competing<'a>(
    mine: &ClaimKeys,
    others: &'a [ClaimKeys],
) -> Vec<(&'a ClaimKeys, Vec<AssociationKey>)> {
    others
        .iter()
        .filter(|other| other.claim != mine.claim)
        .filter_map(|other| {
            let shared: Vec<AssociationKey> = other
                .keys
                .iter()
                .filter(|key| mine.keys.contains(key))
                .cloned()
                .collect();
            (!shared.is_empty()).then_some((other, shared))
        })
        .collect()
}

/// The claims among `claims` that share a key with another of them.
pub fn contested(claims: &[ClaimKeys]) -> BTreeSet<ClaimId> {
    let mut holders: BTreeMap<&AssociationKey, BTreeSet<&ClaimId>> = BTreeMap::new();
    for claim in claims {
        for key in &claim.keys {
            holders.entry(key).or_default().insert(&claim.claim);
        }
    }
    holders
        .into_values()
        .filter(|claims| claims.len() > 1)
        .flatten()
        .cloned()
        .collect()
}

/// A key from its stored text form ([`AssociationKey::as_string`]); `None` when it is not
/// one.
pub fn parse_key(text: &str) -> Option<AssociationKey> {
    let mut parts = text.splitn(4, ':');
    let programme = Programme::parse(parts.next()?)?;
    let tenant = TenantId::parse(parts.next()?).ok()?;
    let subject = match (parts.next()?, parts.next()?) {
        ("workload", product) => {
            KeySubject::Workload(product.replace("%3A", ":").replace("%25", "%"))
        }
        ("subscription", id) => KeySubject::Subscription(SubscriptionId::parse(id).ok()?),
        _ => return None,
    };
    Some(AssociationKey {
        programme,
        tenant,
        subject,
    })
}
