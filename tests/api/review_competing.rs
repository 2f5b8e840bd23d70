//! The reviewer's case page: competing claims (other open claims on one of the claim's
//! keys) with links, product names rather than slugs, the decisions after the claim and its
//! proof; and the queue's marker on rows with a competing claim.

use chrono::{TimeZone, Utc};
use portal::clock::Clock;
use scraper::Selector;

use crate::{
    helpers::*,
    review_flow::{MUNICH, SEATTLE, decide, review_path},
    submit_step::{choose_products, fill_contacts, upload_poe},
    wizard::NORTHWIND_TENANT,
};

pub const NORTHWIND: (&str, &str) = ("northwind.example", NORTHWIND_TENANT);
pub const TAILSPIN: (&str, &str) = (
    "tailspintoys.example",
    "a2b3c4d5-e6f7-4a8b-9c0d-1e2f3a4b5c6d",
);

/// A Microsoft 365 usage claim of the location `mpn` on `customer` (domain, tenant) with
/// `products`, complete and submitted; returns the claim's path.
pub async fn submitted_on(
    partner: &Visitor,
    mpn: &str,
    name: &str,
    customer: (&str, &str),
    products: &[&str],
) -> String {
    let fields = [
        ("location_mpn_id", mpn),
        ("domain_name", customer.0),
        ("tenant_id", customer.1),
        ("claim_type", "customer_association"),
        ("solution_area", "microsoft_365"),
        ("activity", "usage"),
        ("claim_name", name),
    ];
    let res = partner
        .submit_form("/associations/new", "/associations/new/name", &fields)
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    // Create claim leads on to the products step.
    let step = res.location().unwrap().to_owned();
    let claim = step.trim_end_matches("/products").to_owned();
    assert_eq!(step, format!("{claim}/products"));
    choose_products(partner, &claim, products).await;
    fill_contacts(partner, &claim, "en").await;
    upload_poe(partner, &claim).await;
    let submit = format!("{claim}/submit");
    let res = partner.submit_form(&submit, &submit, &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    claim
}

/// The ids of the page's `h2` headings, in document order.
fn heading_ids(page: &Response) -> Vec<String> {
    let h2 = Selector::parse("main h2[id], h2[id]").unwrap();
    page.html()
        .select(&h2)
        .filter_map(|h| h.value().attr("id").map(str::to_owned))
        .collect()
}

/// The queue's claim names with whether each has the competing marker.
pub fn queue_markers(page: &Response) -> Vec<(String, bool)> {
    let rows = Selector::parse("[data-testid=review-queue] tbody tr").unwrap();
    let name = Selector::parse(".claim-name a").unwrap();
    let marker = Selector::parse("[data-testid=competing-marker]").unwrap();
    page.html()
        .select(&rows)
        .map(|row| {
            let text = row.select(&name).next().unwrap().text().collect::<String>();
            (text, row.select(&marker).next().is_some())
        })
        .collect()
}

#[actix_web::test]
async fn a_case_lists_every_other_open_claim_on_its_keys_and_the_queue_marks_them() {
    let app = spawn_app().await;
    let contoso = app.signed_in(PARTNER).await;
    let fabrikam = app.signed_in(OTHER_PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;

    let teams = submitted_on(&contoso, SEATTLE, "Contoso Teams", NORTHWIND, &["teams"]).await;
    let both = submitted_on(
        &fabrikam,
        MUNICH,
        "Fabrikam Teams and Exchange",
        NORTHWIND,
        &["teams", "exchange-online"],
    )
    .await;
    // Another key of the same tenant, and another tenant: no competition with `teams`.
    let exchange = submitted_on(
        &contoso,
        SEATTLE,
        "Contoso Exchange",
        NORTHWIND,
        &["exchange-online"],
    )
    .await;
    submitted_on(
        &contoso,
        SEATTLE,
        "Tailspin SharePoint",
        TAILSPIN,
        &["sharepoint-online"],
    )
    .await;

    let case = reviewer.get(&review_path(&teams)).await;
    assert_eq!(case.status, 200);
    assert_eq!(
        case.texts("[data-testid=competing-claims] tbody tr .competing-claim"),
        ["Fabrikam Teams and Exchange"]
    );
    assert_eq!(
        case.attr("[data-testid=competing-claims] .competing-claim a", "href"),
        Some(review_path(&both))
    );
    assert_eq!(
        case.texts("[data-testid=competing-claims] .competing-partner"),
        ["Fabrikam Partners"]
    );
    assert_eq!(
        case.texts("[data-testid=competing-claims] .competing-status"),
        ["Submitted"]
    );
    assert_eq!(
        case.text("[data-testid=competing-summary]"),
        "1 other open claim is on this claim's keys: see Competing claims below."
    );
    assert_eq!(
        case.attr("[data-testid=competing-summary] a", "href")
            .as_deref(),
        Some("#competing")
    );
    let key = case.text("[data-testid=competing-claims] .competing-key");
    assert!(key.ends_with(": Microsoft Teams"), "{key}");
    assert!(
        !key.contains("teams:") && !key.contains("workload"),
        "{key}"
    );

    // The Fabrikam claim competes with both of Contoso's Northwind claims.
    let other = reviewer.get(&review_path(&both)).await;
    assert_eq!(
        other.texts("[data-testid=competing-claims] .competing-claim"),
        ["Contoso Exchange", "Contoso Teams"]
    );
    let _ = exchange;

    // The claim and its proof first, the competing claims, then the decisions.
    let order = heading_ids(&case);
    let at = |id: &str| {
        order
            .iter()
            .position(|h| h == id)
            .unwrap_or_else(|| panic!("no #{id} in {order:?}"))
    };
    assert!(at("details-heading") < at("files-heading"));
    assert!(at("files-heading") < at("registry-heading"));
    assert!(at("registry-heading") < at("competing-heading"));
    assert!(at("competing-heading") < at("decisions-heading"));
    assert_eq!(case.count("section#decisions"), 1);

    // Product names, not slugs, in the registry's table, which has a caption.
    assert_eq!(
        case.text("[data-testid=tenant-subscriptions] caption"),
        "The customer tenant's subscriptions in the registry"
    );
    let products = case.texts("[data-testid=tenant-subscriptions] tbody td:nth-child(2)");
    assert!(
        products.contains(&"Dynamics 365 Sales".to_owned()),
        "{products:?}"
    );
    assert!(
        products.contains(&"Microsoft Teams".to_owned()),
        "{products:?}"
    );
    assert!(!products.iter().any(|p| p == "teams" || p == "d365-sales"));

    let queue = reviewer.get("/review").await;
    let mut markers = queue_markers(&queue);
    markers.sort();
    assert_eq!(
        markers,
        [
            ("Contoso Exchange".to_owned(), true),
            ("Contoso Teams".to_owned(), true),
            ("Fabrikam Teams and Exchange".to_owned(), true),
            ("Tailspin SharePoint".to_owned(), false),
        ]
    );
    assert_eq!(
        queue.texts("[data-testid=competing-marker]")[0],
        "Competing claim"
    );

    // A closed claim competes with nothing: once Fabrikam's is rejected, Contoso's stands alone.
    let res = decide(
        &reviewer,
        &both,
        "reject",
        &[("reason", "insufficient_proof_of_execution")],
    )
    .await;
    assert_eq!(res.status, 303);
    let case = reviewer.get(&review_path(&teams)).await;
    assert_eq!(case.count("[data-testid=competing-claims]"), 0);
    assert_eq!(case.count("[data-testid=no-competing]"), 1);
    assert_eq!(case.count("[data-testid=competing-summary]"), 0);
    let queue = reviewer.get("/review").await;
    assert!(
        queue_markers(&queue)
            .iter()
            .all(|(_, competing)| !competing)
    );
}

#[actix_web::test]
async fn an_official_claim_competes_and_official_keys_read_as_product_names() {
    let app = spawn_app().await;
    let contoso = app.signed_in(PARTNER).await;
    let fabrikam = app.signed_in(OTHER_PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    let first = submitted_on(&fabrikam, MUNICH, "Fabrikam Teams", NORTHWIND, &["teams"]).await;
    // Submitted while Teams was free (the products step offers nothing held officially).
    let second = submitted_on(&contoso, SEATTLE, "Contoso Teams", NORTHWIND, &["teams"]).await;
    assert_eq!(decide(&reviewer, &first, "validate", &[]).await.status, 303);
    app.jobs.run_once(app.clock.now()).unwrap();
    // The opt-out window of a claim validated on Wed 25 Nov closes at the end of Wed 2 Dec.
    app.jobs
        .run_once(Utc.with_ymd_and_hms(2026, 12, 3, 0, 0, 0).unwrap())
        .unwrap();

    let case = reviewer.get(&review_path(&second)).await;
    assert_eq!(
        case.texts("[data-testid=competing-claims] .competing-status"),
        ["Official"]
    );
    // The conflict names the product, not the key's slug.
    let conflict = case.text("[data-testid=conflict]");
    assert!(conflict.contains(": Microsoft Teams"), "{conflict}");
    assert!(!conflict.contains("workload:"), "{conflict}");
    let officials = case.texts("[data-testid=tenant-officials] li");
    assert_eq!(officials.len(), 1, "{officials:?}");
    assert!(officials[0].ends_with(": Microsoft Teams"), "{officials:?}");
    assert!(!officials[0].contains("workload:"), "{officials:?}");

    // A claim on none of its keys has no competing claims.
    let withdrawn_free = submitted_on(
        &contoso,
        SEATTLE,
        "Tailspin SharePoint",
        TAILSPIN,
        &["sharepoint-online"],
    )
    .await;
    let alone = reviewer.get(&review_path(&withdrawn_free)).await;
    assert_eq!(alone.count("[data-testid=no-competing]"), 1);
    assert_eq!(alone.count("[data-testid=competing-claims]"), 0);
    assert_eq!(alone.count("[data-testid=competing-summary]"), 0);
}
