//! The reviewers' `/review`: one search over the queue and the list of all claims (claim
//! name, partner, customer domain, tenant ID; any case), the age of each queued claim against
//! the review target in business days (holidays skipped), overdue rows marked, and the
//! queue's order.

use chrono::{TimeZone, Utc};
use scraper::Selector;

use crate::{
    helpers::*,
    review_competing::{NORTHWIND, TAILSPIN, submitted_on},
    review_flow::{MUNICH, SEATTLE},
};

fn queue_names(page: &Response) -> Vec<String> {
    page.texts("[data-testid=review-queue] .claim-name a")
}

fn all_names(page: &Response) -> Vec<String> {
    let mut names = page.texts("[data-testid=review-all] .claim-name a");
    names.sort();
    names
}

fn sorted(mut names: Vec<String>) -> Vec<String> {
    names.sort();
    names
}

/// Renames the Fabrikam organisation as an administrator would.
async fn rename_fabrikam(app: &TestApp, name: &str) {
    let admin = app.signed_in(ADMIN).await;
    let list = admin.get("/admin/organisations").await;
    let link = Selector::parse(".organisation-name a").unwrap();
    let href = list
        .html()
        .select(&link)
        .find(|a| a.text().collect::<String>().contains("Fabrikam"))
        .and_then(|a| a.value().attr("href").map(str::to_owned))
        .expect("Fabrikam is listed");
    let res = admin.submit_form(&href, &href, &[("name", name)]).await;
    assert_eq!(res.status, 303, "{}", res.body);
}

#[actix_web::test]
async fn one_search_finds_claims_by_name_partner_domain_or_tenant_in_any_case() {
    let app = spawn_app().await;
    rename_fabrikam(&app, "Fabrikam Société Générale").await;
    let contoso = app.signed_in(PARTNER).await;
    let fabrikam = app.signed_in(OTHER_PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    submitted_on(
        &contoso,
        SEATTLE,
        "Northwind Teams rollout",
        NORTHWIND,
        &["teams"],
    )
    .await;
    submitted_on(
        &fabrikam,
        MUNICH,
        "Exchange migration",
        NORTHWIND,
        &["exchange-online"],
    )
    .await;
    submitted_on(
        &contoso,
        SEATTLE,
        "Intranet on SharePoint",
        TAILSPIN,
        &["sharepoint-online"],
    )
    .await;

    let everything = reviewer.get("/review").await;
    assert_eq!(queue_names(&everything).len(), 3);

    let cases: [(&str, &[&str]); 6] = [
        // Part of the claim's name, in another case.
        ("TEAMS ROLL", &["Northwind Teams rollout"]),
        // The partner's name, non-ASCII letters included.
        ("société", &["Exchange migration"]),
        ("fabrikam SOCIÉTÉ", &["Exchange migration"]),
        // Part of the customer domain.
        ("TailSpinToys", &["Intranet on SharePoint"]),
        // The tenant ID, in capitals.
        (
            "A2B3C4D5-E6F7-4A8B-9C0D-1E2F3A4B5C6D",
            &["Intranet on SharePoint"],
        ),
        ("no such claim", &[]),
    ];
    for (term, expected) in cases {
        let q: String = url::form_urlencoded::byte_serialize(term.as_bytes()).collect();
        let page = reviewer.get(&format!("/review?q={q}")).await;
        assert_eq!(page.status, 200);
        let expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        assert_eq!(sorted(queue_names(&page)), expected, "queue for {term:?}");
        assert_eq!(all_names(&page), expected, "all claims for {term:?}");
        assert_eq!(page.attr("#q", "value").as_deref(), Some(term));
    }

    // Combined with a filter: the status filter and the search both apply.
    let page = reviewer.get("/review?q=northwind&status=submitted").await;
    assert_eq!(
        all_names(&page),
        ["Exchange migration", "Northwind Teams rollout"]
    );

    // A term too long to search for says so beside the field and in the summary, keeps what
    // was typed, and searches for nothing.
    let long = "x".repeat(101);
    let page = reviewer.get(&format!("/review?q={long}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.text("#q-error").contains("100"),
        "{}",
        page.text("#q-error")
    );
    assert_eq!(page.summary_links(), ["#q"]);
    assert_eq!(page.attr("#q", "value"), Some(long));
    assert_eq!(queue_names(&page).len(), 3);
}

#[actix_web::test]
async fn queued_claims_show_their_age_in_business_days_and_the_overdue_are_marked() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let res = admin
        .submit_form(
            "/admin/calendar",
            "/admin/calendar/holidays",
            &[("day", "2026-11-26"), ("name", "Thanksgiving")],
        )
        .await;
    assert_eq!(res.status, 303);
    let contoso = app.signed_in(PARTNER).await;
    // Wed 25 Nov 2026 (the test clock's start).
    submitted_on(&contoso, SEATTLE, "Old claim", NORTHWIND, &["teams"]).await;
    // Tue 1 Dec.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap());
    let contoso = app.signed_in(PARTNER).await;
    submitted_on(
        &contoso,
        SEATTLE,
        "New claim",
        TAILSPIN,
        &["sharepoint-online"],
    )
    .await;

    // Thu 3 Dec: Fri 27, Mon 30, Tue 1, Wed 2, Thu 3 — five business days, Thanksgiving
    // skipped: on target, not overdue.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap());
    let reviewer = app.signed_in(REVIEWER).await;
    let page = reviewer.get("/review").await;
    assert_eq!(queue_names(&page), ["Old claim", "New claim"]);
    assert_eq!(
        page.texts("[data-testid=review-queue] .claim-age"),
        ["5 business days", "2 business days"]
    );
    assert_eq!(page.count("[data-testid=overdue-marker]"), 0);
    assert!(
        page.text("[data-testid=review-target]")
            .contains("5 business days")
    );

    // Fri 4 Dec: six business days, past the target of five.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).unwrap());
    let reviewer = app.signed_in(REVIEWER).await;
    let page = reviewer.get("/review").await;
    assert_eq!(
        page.texts("[data-testid=review-queue] .claim-age"),
        ["6 business days Overdue", "3 business days"]
    );
    assert_eq!(page.count("[data-testid=review-queue] tr.overdue"), 1);

    // Newest first, on request; the choice is kept in the form.
    let page = reviewer.get("/review?sort=newest").await;
    assert_eq!(queue_names(&page), ["New claim", "Old claim"]);
    assert_eq!(
        page.attr("#sort option[selected]", "value").as_deref(),
        Some("newest")
    );
    let page = reviewer.get("/review?sort=oldest").await;
    assert_eq!(queue_names(&page), ["Old claim", "New claim"]);
}

#[actix_web::test]
async fn the_review_target_is_a_setting() {
    let app = spawn_app_with(&[("PORTAL_REVIEW_TARGET_DAYS", "1")]).await;
    let contoso = app.signed_in(PARTNER).await;
    submitted_on(&contoso, SEATTLE, "Old claim", NORTHWIND, &["teams"]).await;
    // Mon 30 Nov: Thu 26, Fri 27, Mon 30 — three business days, past a target of one.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap());
    let reviewer = app.signed_in(REVIEWER).await;
    let page = reviewer.get("/review").await;
    assert_eq!(page.count("[data-testid=overdue-marker]"), 1);
    assert!(
        page.text("[data-testid=review-target]")
            .contains("1 business day;")
    );
}
