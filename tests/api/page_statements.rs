//! The claim page and its History each cost at most four SQL statements, the signed-in
//! session's check included, whatever the claim's state; the reviewer's case page and lists
//! a few more, bounded here too (`portal_db_statements_total`).

use portal::clock::Clock;

use crate::{
    helpers::*,
    metrics::{TOKEN, scrape, value},
    review_flow::{SEATTLE, closing_instant, decide, review_path, submitted_claims},
};

/// Statements sent so far answering `GET`s of `route`, as `/metrics` counts them (a scrape
/// itself sends none through a page's connection).
async fn statements_sent(app: &TestApp, route: &str) -> f64 {
    let samples = scrape(app).await;
    let labels = [("route", route), ("method", "GET"), ("status", "2xx")];
    value(&samples, "portal_db_statements_total", &labels).unwrap_or(0.0)
}

/// Asks for each of `paths` (all of `route`) with a session confirmed by an earlier page and
/// checks that each sent at most `most` statements.
async fn assert_at_most(
    app: &TestApp,
    visitor: &Visitor,
    route: &str,
    paths: &[String],
    most: f64,
) {
    for path in paths {
        let before = statements_sent(app, route).await;
        assert_eq!(visitor.get(path).await.status, 200, "{path}");
        let sent = statements_sent(app, route).await - before;
        assert!(sent > 0.0, "{path}: statements are counted");
        assert!(sent <= most, "{path}: {sent} statements");
    }
}

#[actix_web::test]
async fn a_claim_page_and_its_history_cost_at_most_four_statements_in_every_state() {
    let app = spawn_app_with(&[("PORTAL_METRICS_TOKEN", TOKEN)]).await;
    let partner = app.signed_in(PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    let draft = crate::wizard::create_draft(&partner, "microsoft_365", "usage", "Draft").await;
    let [submitted, asked, official]: [String; 3] =
        submitted_claims(&partner, SEATTLE, &["Submitted", "Asked", "Official"])
            .await
            .try_into()
            .unwrap();
    let res = decide(&reviewer, &asked, "ask", &[("comment", "Which SOW?")]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(
        decide(&reviewer, &official, "validate", &[]).await.status,
        303
    );
    app.jobs.dispatch(app.clock.now()).unwrap();
    // The window closes (official) and the unanswered request times out (rejected).
    let pass = app.jobs.run_once(closing_instant()).unwrap();
    assert_eq!((pass.windows.official, pass.timed_out), (1, 1));
    let claims = [draft, submitted, asked, official];

    assert_at_most(&app, &partner, "/associations/{id}", &claims, 4.0).await;
    let histories: Vec<String> = claims.iter().map(|c| format!("{c}/history")).collect();
    assert_at_most(
        &app,
        &partner,
        "/associations/{id}/history",
        &histories,
        4.0,
    )
    .await;
    // The case page reads the registry (catalogue, subscriptions, domains, official
    // associations) and the competing claims besides; the customer's notice while pending.
    let cases: Vec<String> = claims[1..].iter().map(|c| review_path(c)).collect();
    assert_at_most(&app, &reviewer, "/review/{id}", &cases, CASE_PAGE_MOST).await;
}

/// The reviewer's case page: the session, the claim (2), the tenant's official associations,
/// the catalogue, the subscriptions, the domains, the competing claims (8), and the
/// customer's notice while the window waits for it.
const CASE_PAGE_MOST: f64 = 9.0;

#[actix_web::test]
async fn the_review_lists_cost_a_bounded_number_of_statements_filtered_or_searched() {
    let app = spawn_app_with(&[("PORTAL_METRICS_TOKEN", TOKEN)]).await;
    let partner = app.signed_in(PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    let claims = submitted_claims(
        &partner,
        SEATTLE,
        &["Queue one", "Queue two", "Queue three"],
    )
    .await;
    assert_eq!(
        decide(&reviewer, &claims[2], "validate", &[]).await.status,
        303
    );
    let lists: Vec<String> = [
        "/review",
        "/review?per_page=100",
        "/review?sort=newest",
        "/review?status=pending_customer",
        "/review?programme=osu_m365&partner=nobody",
        "/review?status=submitted&after=2026-01-01T00%3A00%3A00.000000Z_z",
    ]
    .map(String::from)
    .to_vec();
    assert_at_most(&app, &reviewer, "/review", &lists, LIST_MOST).await;
    // A search reads the partners' names and may walk each list before asking the index.
    let searched: Vec<String> = ["/review?q=Queue", "/review?q=tenant12", "/review?q=zz"]
        .map(String::from)
        .to_vec();
    assert_at_most(&app, &reviewer, "/review", &searched, SEARCH_MOST).await;
}

/// The lists: the session, the calendar (2), the queue, its competing markers, one page of
/// all claims and the partners for the filter.
const LIST_MOST: f64 = 7.0;
/// A search: per list the walk, the partners' names and the scanned read, and where those
/// found too few the partners' names and the indexed read again.
const SEARCH_MOST: f64 = 11.0;
