//! Keys per programme and what counts as a conflict.

use portal::domain::errors::Message;
use portal::domain::exclusivity::{
    AssociationKey, KeyError, KeyKind, KeySubject, OfficialAssociation, ProductSelection, conflict,
    keys_for_claim,
};
use portal::domain::ids::{ClaimId, OrganisationId};
use portal::domain::programme::Programme;
use portal::domain::values::{SubscriptionId, TenantId};

const TENANT: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const SUB_1: &str = "0b1f6471-1bf0-4dda-aec3-111122223333";
const SUB_2: &str = "0b1f6471-1bf0-4dda-aec3-444455556666";

fn tenant() -> TenantId {
    TenantId::parse(TENANT).unwrap()
}

fn selection(product: &str, subscription: Option<&str>) -> ProductSelection {
    ProductSelection {
        product_id: product.into(),
        subscription: subscription.map(|s| SubscriptionId::parse(s).unwrap()),
    }
}

fn official(organisation: &str, key: AssociationKey) -> OfficialAssociation {
    OfficialAssociation {
        claim: ClaimId::new("claim-9"),
        organisation: OrganisationId::new(organisation),
        key,
    }
}

#[test]
fn osu_m365_is_keyed_per_workload() {
    let selections = [
        selection("teams", Some(SUB_1)),
        selection("exchange-online", None),
        selection("teams", None),
    ];
    let keys = keys_for_claim(Programme::OsuM365, &tenant(), &selections).unwrap();
    let texts: Vec<String> = keys.iter().map(AssociationKey::as_string).collect();
    assert_eq!(
        texts,
        [
            format!("osu_m365:{TENANT}:workload:exchange-online"),
            format!("osu_m365:{TENANT}:workload:teams")
        ]
    );
    assert!(keys.iter().all(|k| k.kind() == KeyKind::Workload));
}

#[test]
fn other_programmes_are_keyed_per_subscription() {
    for programme in [
        Programme::Osa,
        Programme::OsuBizApps,
        Programme::RevenueAssociation,
    ] {
        let selections = [
            selection("dynamics-365-sales", Some(SUB_1)),
            selection("power-apps", Some(SUB_2)),
        ];
        let keys = keys_for_claim(programme, &tenant(), &selections).unwrap();
        assert_eq!(keys.len(), 2);
        assert_eq!(
            keys[0].as_string(),
            format!("{}:{TENANT}:subscription:{SUB_1}", programme.as_str())
        );
        let missing =
            keys_for_claim(programme, &tenant(), &[selection("power-apps", None)]).unwrap_err();
        assert_eq!(
            missing,
            KeyError::SubscriptionMissing {
                product: "power-apps".into()
            }
        );
        assert_eq!(missing.key(), "exclusivity.subscription_missing");
    }
    assert_eq!(
        keys_for_claim(Programme::Osa, &tenant(), &[]),
        Err(KeyError::NoProducts)
    );
}

#[test]
fn the_canonical_form_cannot_be_forged_by_a_product_id() {
    let key = AssociationKey {
        programme: Programme::OsuM365,
        tenant: tenant(),
        subject: KeySubject::Workload("a:subscription:b%".into()),
    };
    assert_eq!(
        key.as_string(),
        format!("osu_m365:{TENANT}:workload:a%3Asubscription%3Ab%25")
    );
}

#[test]
fn another_claim_on_the_same_key_conflicts() {
    let keys = keys_for_claim(
        Programme::Osa,
        &tenant(),
        &[selection("dynamics-365-sales", Some(SUB_1))],
    )
    .unwrap();
    let ours = OrganisationId::new("org-a");
    let this_claim = ClaimId::new("claim-1");
    let same_key = keys[0].clone();
    let other_programme = AssociationKey {
        programme: Programme::OsuBizApps,
        ..same_key.clone()
    };
    let other_subscription = AssociationKey {
        subject: KeySubject::Subscription(SubscriptionId::parse(SUB_2).unwrap()),
        ..same_key.clone()
    };
    let other_tenant = AssociationKey {
        tenant: TenantId::parse("11111111-2222-3333-4444-555555555555").unwrap(),
        ..same_key.clone()
    };
    let harmless = [
        OfficialAssociation {
            claim: this_claim.clone(),
            ..official("org-a", same_key.clone())
        },
        official("org-b", other_programme),
        official("org-b", other_subscription),
        official("org-b", other_tenant),
    ];
    assert_eq!(conflict(&this_claim, &ours, &keys, &harmless), None);
    let mut own = harmless.to_vec();
    own.push(official("org-a", same_key.clone()));
    let found = conflict(&this_claim, &ours, &keys, &own).unwrap();
    assert!(found.own_organisation);
    assert_eq!(Message::key(&found), "exclusivity.conflict_own");
    let mut officials = harmless.to_vec();
    officials.push(official("org-b", same_key.clone()));
    let found = conflict(&this_claim, &ours, &keys, &officials).unwrap();
    assert!(!found.own_organisation);
    assert_eq!(found.held_by.organisation, OrganisationId::new("org-b"));
    assert_eq!(found.key(), &same_key);
    assert_eq!(Message::key(&found), "exclusivity.conflict");
    assert!(
        Message::args(&found).is_empty(),
        "the other partner is not named"
    );
}
