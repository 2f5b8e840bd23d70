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

#[cfg(test)]
mod tests {
    use super::*;

    const TENANT: &str = "0b7f6c1e-4d6a-4e8b-9a51-2f3c4d5e6f70";

    fn workload(product: &str) -> AssociationKey {
        AssociationKey {
            programme: Programme::OsuM365,
            tenant: TenantId::parse(TENANT).unwrap(),
            subject: KeySubject::Workload(product.to_owned()),
        }
    }

    fn claim(id: &str, products: &[&str]) -> ClaimKeys {
        ClaimKeys {
            claim: ClaimId::new(id),
            keys: products.iter().map(|p| workload(p)).collect(),
        }
    }

    #[test]
    fn others_sharing_a_key_compete_and_the_claim_itself_does_not() {
        let mine = claim("a", &["teams", "exchange"]);
        let others = [
            mine.clone(),
            claim("b", &["teams"]),
            claim("c", &["sharepoint"]),
        ];
        let found = competing(&mine, &others);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0.claim, ClaimId::new("b"));
        assert_eq!(found[0].1, vec![workload("teams")]);
    }

    #[test]
    fn contested_claims_are_those_sharing_any_key() {
        let claims = [
            claim("a", &["teams"]),
            claim("b", &["teams", "exchange"]),
            claim("c", &["sharepoint"]),
        ];
        let ids: Vec<_> = contested(&claims).into_iter().collect();
        assert_eq!(ids, vec![ClaimId::new("a"), ClaimId::new("b")]);
    }

    #[test]
    fn a_key_reads_back_from_its_text() {
        let key = workload("odd:id%");
        assert_eq!(parse_key(&key.as_string()), Some(key));
        assert_eq!(parse_key("nonsense"), None);
    }
}
