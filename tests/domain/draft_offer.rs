//! Step 4's offer: every product of the programme, and why one cannot be chosen for this
//! customer (CSP, already the partner's own, held by another partner, no subscription).

use crate::draft_products::{catalogue, products_input, sub, tenant_subscriptions};
use crate::support::date;
use portal::domain::draft::{
    HeldProduct, ProductOffer, ProductsContext, StepError, Unavailable, offer,
};
use portal::domain::programme::Programme;

fn offers(programme: Programme, held: &[HeldProduct]) -> Vec<(String, Option<Unavailable>)> {
    let catalogue = catalogue();
    let subscriptions = tenant_subscriptions();
    let context = ProductsContext {
        programme,
        catalogue: &catalogue,
        subscriptions: &subscriptions,
        today: date(2025, 3, 12),
    };
    offer(context, held)
        .into_iter()
        .map(
            |ProductOffer {
                 product_id,
                 unavailable,
             }| (product_id, unavailable),
        )
        .collect()
}

fn held(product: &str, subscription: Option<u8>, own: bool) -> HeldProduct {
    HeldProduct {
        product_id: product.into(),
        subscription: subscription.map(sub),
        own,
    }
}

#[test]
fn every_active_product_of_the_area_is_listed_with_why_it_cannot_be_chosen() {
    assert_eq!(
        offers(Programme::Osa, &[]),
        [
            ("dynamics-365-sales".to_owned(), None),
            ("dynamics-365-finance".to_owned(), None),
            // No subscription at all.
            ("power-bi".to_owned(), Some(Unavailable::NoSubscription)),
            // Bought through CSP only.
            ("power-apps".to_owned(), Some(Unavailable::Csp)),
        ]
    );
}

#[test]
fn a_workload_held_officially_elsewhere_or_by_the_partner_cannot_be_chosen() {
    let found = offers(
        Programme::OsuM365,
        &[
            held("teams", None, false),
            held("exchange-online", None, true),
        ],
    );
    assert_eq!(
        found,
        [
            ("teams".to_owned(), Some(Unavailable::HeldElsewhere)),
            // Exchange has no subscription in this tenant: that comes first.
            (
                "exchange-online".to_owned(),
                Some(Unavailable::NoSubscription)
            ),
        ]
    );
    // The partner's own holding is named as such, even where another partner's is too.
    let found = offers(
        Programme::OsuM365,
        &[held("teams", None, false), held("teams", None, true)],
    );
    assert_eq!(found[0].1, Some(Unavailable::AlreadyYours));
}

#[test]
fn a_subscription_keyed_product_stays_available_while_one_subscription_is_free() {
    // Sales has subscriptions 1 and 2 that can be claimed.
    let one_held = offers(
        Programme::Osa,
        &[held("dynamics-365-sales", Some(1), false)],
    );
    assert_eq!(one_held[0].1, None);
    let both_held = offers(
        Programme::Osa,
        &[
            held("dynamics-365-sales", Some(1), false),
            held("dynamics-365-sales", Some(2), true),
        ],
    );
    assert_eq!(both_held[0].1, Some(Unavailable::AlreadyYours));
    let elsewhere = offers(
        Programme::Osa,
        &[
            held("dynamics-365-sales", Some(1), false),
            held("dynamics-365-sales", Some(2), false),
        ],
    );
    assert_eq!(elsewhere[0].1, Some(Unavailable::HeldElsewhere));
}

#[test]
fn choosing_a_product_that_cannot_be_chosen_is_refused_on_that_product() {
    let catalogue = catalogue();
    let subscriptions = tenant_subscriptions();
    let context = ProductsContext {
        programme: Programme::Osa,
        catalogue: &catalogue,
        subscriptions: &subscriptions,
        today: date(2025, 3, 12),
    };
    let offered = offer(context, &[]);
    let errors = products_input(&["power-apps", "dynamics-365-finance"], &[])
        .validate_offered(context, &offered, &[])
        .unwrap_err();
    let found: Vec<_> = errors
        .iter()
        .map(|e| (e.field, e.item.clone(), e.error.clone()))
        .collect();
    assert_eq!(
        found,
        [(
            "product_ids",
            Some("power-apps".to_owned()),
            StepError::Unavailable(Unavailable::Csp)
        )]
    );
    // What can be chosen passes as before.
    assert!(
        products_input(&["dynamics-365-finance"], &[])
            .validate_offered(context, &offered, &[])
            .is_ok()
    );
}

#[test]
fn a_held_subscription_is_refused_and_the_free_one_is_chosen_for_the_partner() {
    let catalogue = catalogue();
    let subscriptions = tenant_subscriptions();
    let context = ProductsContext {
        programme: Programme::OsuBizApps,
        catalogue: &catalogue,
        subscriptions: &subscriptions,
        today: date(2025, 3, 12),
    };
    let held = [held("dynamics-365-sales", Some(1), false)];
    let offered = offer(context, &held);
    let sub_1 = sub(1).to_string();
    let errors = products_input(&["dynamics-365-sales"], &[("dynamics-365-sales", &sub_1)])
        .validate_offered(context, &offered, &held)
        .unwrap_err();
    let found: Vec<_> = errors
        .iter()
        .map(|e| (e.field, e.item.clone(), e.error.clone()))
        .collect();
    assert_eq!(
        found,
        [(
            "subscriptions",
            Some("dynamics-365-sales".to_owned()),
            StepError::Unavailable(Unavailable::HeldElsewhere)
        )]
    );
    // Left to choose, the one free subscription is taken.
    let step = products_input(&["dynamics-365-sales"], &[])
        .validate_offered(context, &offered, &held)
        .unwrap();
    assert_eq!(step.selections[0].subscription, Some(sub(2)));
}
