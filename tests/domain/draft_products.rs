//! Wizard step 4: products, and the subscription rules of SPEC rule 5.

use crate::draft_steps::summary;
use crate::support::date;
use portal::domain::draft::{
    Channel, FieldErrors, ProductsContext, ProductsInput, ProductsStep, StepError,
    TenantSubscription,
};
use portal::domain::exclusivity::ProductSelection;
use portal::domain::programme::{ProductRef, Programme, SolutionArea};
use portal::domain::values::{SubscriptionId, ValueError};

fn product(id: &str, area: SolutionArea, d365: bool, active: bool) -> ProductRef {
    ProductRef {
        id: id.into(),
        area,
        is_dynamics365: d365,
        active,
    }
}

pub fn catalogue() -> Vec<ProductRef> {
    use SolutionArea::*;
    vec![
        product("dynamics-365-sales", BusinessApplications, true, true),
        product("dynamics-365-finance", BusinessApplications, true, true),
        product("power-bi", BusinessApplications, false, true),
        product("power-apps", BusinessApplications, false, true),
        product("retired-crm", BusinessApplications, true, false),
        product("teams", Microsoft365, false, true),
        product("exchange-online", Microsoft365, false, true),
    ]
}

pub fn sub(n: u8) -> SubscriptionId {
    SubscriptionId::parse(&format!("0b1f6471-1bf0-4dda-aec3-0000000000{n:02}")).unwrap()
}

pub fn tenant_subscriptions() -> Vec<TenantSubscription> {
    let s = |n: u8, product: &str, channel: Channel, ends: (i32, u32, u32)| TenantSubscription {
        id: sub(n),
        product_id: product.into(),
        channel,
        ends_on: date(ends.0, ends.1, ends.2),
    };
    vec![
        // Sales: two claimable and one CSP.
        s(
            1,
            "dynamics-365-sales",
            Channel::VolumeLicensing,
            (2026, 6, 30),
        ),
        s(2, "dynamics-365-sales", Channel::WebDirect, (2026, 6, 30)),
        s(3, "dynamics-365-sales", Channel::Csp, (2026, 6, 30)),
        // Finance: one claimable, one CSP, one ended.
        s(
            4,
            "dynamics-365-finance",
            Channel::VolumeLicensing,
            (2026, 6, 30),
        ),
        s(5, "dynamics-365-finance", Channel::Csp, (2026, 6, 30)),
        s(
            6,
            "dynamics-365-finance",
            Channel::WebDirect,
            (2024, 12, 31),
        ),
        // Power Apps: CSP only.
        s(7, "power-apps", Channel::Csp, (2026, 6, 30)),
        // Teams: two claimable.
        s(8, "teams", Channel::WebDirect, (2026, 6, 30)),
        s(9, "teams", Channel::VolumeLicensing, (2026, 6, 30)),
    ]
}

pub fn products_input(ids: &[&str], chosen: &[(&str, &str)]) -> ProductsInput {
    ProductsInput {
        product_ids: ids.iter().map(|s| s.to_string()).collect(),
        subscriptions: chosen
            .iter()
            .map(|(p, s)| (p.to_string(), s.to_string()))
            .collect(),
    }
}

fn validate_products(
    programme: Programme,
    input: &ProductsInput,
) -> Result<ProductsStep, FieldErrors> {
    let catalogue = catalogue();
    let subscriptions = tenant_subscriptions();
    input.validate(ProductsContext {
        programme,
        catalogue: &catalogue,
        subscriptions: &subscriptions,
        today: date(2025, 3, 12),
    })
}

#[test]
fn step_4_needs_known_active_products_of_the_area() {
    let none = validate_products(Programme::Osa, &products_input(&[], &[])).unwrap_err();
    assert_eq!(
        summary(&none),
        [("product_ids", None, "draft.products.required")]
    );
    for wrong in ["teams", "retired-crm", "no-such-product"] {
        let errors = validate_products(Programme::Osa, &products_input(&[wrong], &[])).unwrap_err();
        assert_eq!(
            errors.get("product_ids"),
            Some(&StepError::ProductUnknown),
            "{wrong}"
        );
    }
}

#[test]
fn step_4_subscription_rules_for_subscription_keyed_programmes() {
    // Sales has two claimable subscriptions: one must be chosen. Power Apps only has a CSP
    // one. Power BI has none. All three errors come back together.
    let errors = validate_products(
        Programme::Osa,
        &products_input(&["dynamics-365-sales", "power-apps", "power-bi"], &[]),
    )
    .unwrap_err();
    assert_eq!(
        summary(&errors),
        [
            (
                "subscriptions",
                Some("dynamics-365-sales".into()),
                "draft.subscription.required"
            ),
            (
                "subscriptions",
                Some("power-apps".into()),
                "draft.subscription.only_csp"
            ),
            (
                "subscriptions",
                Some("power-bi".into()),
                "draft.subscription.none"
            ),
        ]
    );
    assert_eq!(
        errors.get_item("subscriptions", "power-apps"),
        Some(&StepError::OnlyCspSubscriptions)
    );
    // Finance's single claimable subscription is chosen for the partner.
    let step = validate_products(
        Programme::OsuBizApps,
        &products_input(&["dynamics-365-finance"], &[]),
    )
    .unwrap();
    assert_eq!(
        step.selections,
        [ProductSelection {
            product_id: "dynamics-365-finance".into(),
            subscription: Some(sub(4))
        }]
    );
    assert!(step.requires_technical_contact);
    // A chosen subscription is used, in any casing.
    let chosen = sub(2).as_str().to_uppercase();
    let step = validate_products(
        Programme::Osa,
        &products_input(&["dynamics-365-sales"], &[("dynamics-365-sales", &chosen)]),
    )
    .unwrap();
    assert_eq!(step.selections[0].subscription, Some(sub(2)));
}

#[test]
fn step_4_never_accepts_a_csp_ended_or_foreign_subscription() {
    let cases = [
        (sub(3), "draft.subscription.csp"),
        (sub(6), "draft.subscription.ended"),
        (sub(8), "draft.subscription.not_found"), // belongs to Teams
    ];
    for (subscription, key) in cases {
        let product = if subscription == sub(3) {
            "dynamics-365-sales"
        } else {
            "dynamics-365-finance"
        };
        let input = products_input(&[product], &[(product, subscription.as_str())]);
        for programme in [Programme::Osa, Programme::RevenueAssociation] {
            let errors = validate_products(programme, &input).unwrap_err();
            assert_eq!(
                summary(&errors),
                [("subscriptions", Some(product.to_string()), key)]
            );
        }
    }
    let garbage = products_input(
        &["dynamics-365-sales"],
        &[("dynamics-365-sales", "'; DROP TABLE x")],
    );
    let errors = validate_products(Programme::Osa, &garbage).unwrap_err();
    assert_eq!(
        errors.get("subscriptions"),
        Some(&StepError::Value(ValueError::SubscriptionIdInvalid))
    );
}

#[test]
fn step_4_workload_keyed_programme_asks_for_subscriptions_only_for_dynamics_365() {
    // Teams has two subscriptions but is not Dynamics 365 and OSU M365 is keyed per workload.
    let step = validate_products(
        Programme::OsuM365,
        &products_input(&["teams", "exchange-online", "teams"], &[]),
    )
    .unwrap();
    assert_eq!(
        step.selections,
        [
            ProductSelection {
                product_id: "teams".into(),
                subscription: None
            },
            ProductSelection {
                product_id: "exchange-online".into(),
                subscription: None
            },
        ]
    );
    assert!(!step.requires_technical_contact);
}
