//! Competing claims: other open claims sharing one of a claim's exclusivity keys.

use portal::domain::{
    competing::{ClaimKeys, competing, contested, parse_key},
    exclusivity::{AssociationKey, KeySubject},
    ids::ClaimId,
    programme::Programme,
    values::TenantId,
};

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
