//! The saved views above the partner's Customer associations list: each with its count for
//! the organisation, the current one marked, combined with search, sort and the CSV export.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
use portal::{
    clock::Clock,
    store::{claims, organisations, schema, users},
};

use crate::{helpers::*, wizard::NORTHWIND_TENANT};

/// A claim of `email`'s organisation put straight into `status` (the review flow has its own
/// tests); `rejected` / `ends` set those instants, `dispute_used` marks the dispute spent.
struct Made<'a> {
    id: &'a str,
    status: &'a str,
    rejected: Option<DateTime<Utc>>,
    dispute_used: bool,
    ends: Option<DateTime<Utc>>,
}

fn made<'a>(id: &'a str, status: &'a str) -> Made<'a> {
    Made {
        id,
        status,
        rejected: None,
        dispute_used: false,
        ends: None,
    }
}

fn make(app: &TestApp, email: &str, claim: Made<'_>) {
    let mut conn = app.pool.get().unwrap();
    let user = users::find_by_email(&mut conn, email).unwrap().unwrap();
    let organisation = user.organisation_id.clone().unwrap();
    let (location, _) = organisations::locations_with_programmes(&mut conn, &organisation)
        .unwrap()
        .remove(0);
    let at = app.clock.now().naive_utc() - Duration::days(1);
    claims::insert_draft(
        &mut conn,
        &claims::NewDraft {
            id: claim.id,
            organisation_id: &organisation,
            location_id: &location.id,
            created_by: &user.id,
            tenant_id: NORTHWIND_TENANT,
            customer_domain: "northwind.example",
            solution_area: "microsoft_365",
            activity: "usage",
            programme: "osu_m365",
            name: &format!("View claim {}", claim.id),
            status: claim.status,
            partner_language: "en",
            created_at: at,
            updated_at: at,
        },
    )
    .unwrap();
    let naive = |t: Option<DateTime<Utc>>| t.map(|t| t.naive_utc());
    diesel::update(schema::claims::table.find(claim.id))
        .set((
            schema::claims::rejected_at.eq(naive(claim.rejected)),
            schema::claims::dispute_used.eq(claim.dispute_used),
            schema::claims::ends_at.eq::<Option<NaiveDateTime>>(naive(claim.ends)),
        ))
        .execute(&mut **conn)
        .unwrap();
}

/// Every status the views tell apart, with the edges of the two time rules.
pub fn make_world(app: &TestApp) {
    let now = app.clock.now();
    for (id, status) in [
        ("draft", "draft"),
        ("submitted", "submitted"),
        ("action", "action_required"),
        ("pending-1", "pending_customer"),
        ("pending-2", "pending_customer"),
        ("official-open", "official"),
        ("withdrawn", "withdrawn"),
    ] {
        make(app, PARTNER, made(id, status));
    }
    // Rejections: still disputable (rejected exactly 30 days ago counts), too old, disputed
    // once already.
    for (id, days, used) in [
        ("rejected-fresh", 29, false),
        ("rejected-edge", 30, false),
        ("rejected-old", 31, false),
        ("rejected-used", 2, true),
    ] {
        make(
            app,
            PARTNER,
            Made {
                rejected: Some(now - Duration::days(days)),
                dispute_used: used,
                ..made(id, "rejected")
            },
        );
    }
    // Official ones ending: in 10 days, exactly 60 days away, 61 days away.
    for (id, days) in [("ends-10", 10), ("ends-60", 60), ("ends-61", 61)] {
        make(
            app,
            PARTNER,
            Made {
                ends: Some(now + Duration::days(days)),
                ..made(id, "official")
            },
        );
    }
    // Another organisation's claims count for it, not for Contoso.
    make(
        app,
        OTHER_PARTNER,
        made("fabrikam-action", "action_required"),
    );
    make(
        app,
        OTHER_PARTNER,
        Made {
            ends: Some(now + Duration::days(5)),
            ..made("fabrikam-ending", "official")
        },
    );
}

fn rows(page: &Response) -> Vec<String> {
    let mut ids: Vec<String> = page
        .html()
        .select(&scraper::Selector::parse("tbody tr[data-claim]").unwrap())
        .filter_map(|tr| tr.value().attr("data-claim").map(str::to_owned))
        .collect();
    ids.sort();
    ids
}

#[actix_web::test]
async fn each_saved_view_counts_and_lists_the_organisations_claims_it_holds() {
    let app = spawn_app().await;
    make_world(&app);
    let partner = app.signed_in(PARTNER).await;
    let page = partner.get("/associations").await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.texts("[data-testid=saved-views] a .view-label"),
        [
            "All claims",
            "Needs your action",
            "Waiting for the customer",
            "Official",
            "Ending within 60 days"
        ]
    );
    assert_eq!(
        page.texts("[data-testid=saved-views] a .view-count"),
        ["(3 claims)", "(2 claims)", "(4 claims)", "(2 claims)"]
    );
    assert_eq!(
        page.attr(
            "[data-testid=saved-views] a[aria-current=page]",
            "data-view"
        )
        .as_deref(),
        Some("all")
    );

    let cases: [(&str, &[&str]); 4] = [
        (
            "needs_action",
            &["action", "rejected-edge", "rejected-fresh"],
        ),
        ("waiting_customer", &["pending-1", "pending-2"]),
        (
            "official",
            &["ends-10", "ends-60", "ends-61", "official-open"],
        ),
        ("ending_soon", &["ends-10", "ends-60"]),
    ];
    for (view, expected) in cases {
        let href = page
            .attr(
                &format!("[data-testid=saved-views] a[data-view={view}]"),
                "href",
            )
            .unwrap();
        assert_eq!(href, format!("/associations?view={view}"));
        let shown = partner.get(&href).await;
        assert_eq!(shown.status, 200);
        assert_eq!(rows(&shown), expected.to_vec(), "{view}");
        assert_eq!(
            shown
                .attr(
                    "[data-testid=saved-views] a[aria-current=page]",
                    "data-view"
                )
                .as_deref(),
            Some(view)
        );
        // The filters keep the view when applied.
        assert_eq!(
            shown
                .attr("form.filters input[name=view]", "value")
                .as_deref(),
            Some(view)
        );
    }

    // Fabrikam sees its own counts only.
    let fabrikam = app.signed_in(OTHER_PARTNER).await;
    let theirs = fabrikam.get("/associations").await;
    assert_eq!(
        theirs.texts("[data-testid=saved-views] a .view-count"),
        ["(1 claim)", "(0 claims)", "(1 claim)", "(1 claim)"]
    );
    assert_eq!(
        rows(&fabrikam.get("/associations?view=ending_soon").await),
        ["fabrikam-ending"]
    );
}

#[actix_web::test]
async fn a_view_combines_with_search_sort_pages_and_the_csv_export() {
    let app = spawn_app().await;
    make_world(&app);
    let partner = app.signed_in(PARTNER).await;
    let page = partner
        .get("/associations?view=official&q=ends&sort=name&dir=asc")
        .await;
    assert_eq!(
        page.texts("tbody .claim-name"),
        [
            "View claim ends-10",
            "View claim ends-60",
            "View claim ends-61"
        ]
    );
    // Switching view keeps the search and sort.
    assert_eq!(
        page.attr("[data-testid=saved-views] a[data-view=ending_soon]", "href")
            .as_deref(),
        Some("/associations?view=ending_soon&q=ends&sort=name&dir=asc")
    );
    // Sorting keeps the view.
    assert!(
        page.attr("thead th a", "href")
            .unwrap()
            .starts_with("/associations?view=official&")
    );
    let export = page.attr("[data-testid=export-csv]", "href").unwrap();
    assert_eq!(
        export,
        "/associations/export.csv?view=official&q=ends&sort=name&dir=asc"
    );
    let (status, _, body) = partner.get_bytes(&export).await;
    assert_eq!(status, 200);
    let csv = String::from_utf8(body).unwrap();
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(csv.contains("View claim ends-61"));
    let (_, _, body) = partner
        .get_bytes("/associations/export.csv?view=needs_action")
        .await;
    let csv = String::from_utf8(body).unwrap();
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(!csv.contains("rejected-old"));

    // An unknown view is the whole list.
    let all = partner.get("/associations?view=nonsense").await;
    assert_eq!(all.status, 200);
    assert_eq!(
        all.attr(
            "[data-testid=saved-views] a[aria-current=page]",
            "data-view"
        )
        .as_deref(),
        Some("all")
    );
}

#[actix_web::test]
async fn the_views_counts_move_with_the_clock() {
    let app = spawn_app().await;
    make_world(&app);
    // A day on, the rejection of 29 days ago reaches the edge and stays disputable, the
    // one that was at the edge no longer is; the official ending in 61 days now ends
    // within 60.
    app.clock.advance(Duration::days(1));
    let partner = app.signed_in(PARTNER).await;
    let page = partner.get("/associations").await;
    assert_eq!(
        page.texts("[data-testid=saved-views] a .view-count"),
        ["(2 claims)", "(2 claims)", "(4 claims)", "(3 claims)"]
    );
}

/// The counts are kept between pages, but never past a change: a claim that moves is
/// counted on the very next page, in the same minute.
#[actix_web::test]
async fn the_views_counts_follow_a_change_at_once() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = crate::review_flow::submitted_claim(
        &partner,
        crate::review_flow::SEATTLE,
        "Northwind Teams usage",
    )
    .await;
    let counts = |page: &Response| page.texts("[data-testid=saved-views] a .view-count");
    let before = counts(&partner.get("/associations").await);
    assert_eq!(before[0], "(0 claims)");
    let reviewer = app.signed_in(REVIEWER).await;
    let res = crate::review_flow::decide(
        &reviewer,
        &claim,
        "ask",
        &[("comment", "Please add the signed statement of work.")],
    )
    .await;
    assert_eq!(res.status, 303);
    let after = counts(&partner.get("/associations").await);
    assert_eq!(after[0], "(1 claim)");
}

/// The views' queries, in the shape the store writes them (conditional sums over the
/// organisation's rows in the views' statuses; Ending within 60 days with its end kept off
/// the planner), read the (organisation_id, status, …) index on SQLite, never a scan of
/// the table nor another organisation's rows.
#[actix_web::test]
async fn the_views_queries_read_the_organisation_status_index() {
    let app = spawn_app().await;
    if app.database.is_postgres() {
        return;
    }
    #[derive(diesel::QueryableByName)]
    struct Plan {
        #[diesel(sql_type = diesel::sql_types::Text)]
        detail: String,
    }
    let mut conn = app.pool.get().unwrap();
    for query in [
        "SELECT COALESCE(SUM(CASE WHEN claims.status = 'action_required' OR (claims.status = \
         'rejected' AND NOT claims.dispute_used AND claims.rejected_at >= ?) THEN 1 ELSE 0 \
         END), 0), COALESCE(SUM(CASE WHEN claims.status = 'official' AND claims.ends_at <= ? \
         THEN 1 ELSE 0 END), 0) FROM claims WHERE claims.organisation_id = ? AND \
         claims.status IN (?, ?, ?, ?)",
        "SELECT claims.id FROM claims WHERE claims.organisation_id = ? AND claims.status = ? \
         AND COALESCE(claims.ends_at, claims.ends_at) <= ? ORDER BY claims.updated_at DESC, \
         claims.id DESC LIMIT ?",
    ] {
        let plan: Vec<Plan> = diesel::sql_query(format!("EXPLAIN QUERY PLAN {query}"))
            .load(&mut **conn)
            .unwrap();
        let details: Vec<&str> = plan.iter().map(|p| p.detail.as_str()).collect();
        assert!(
            details.iter().any(|d| d.starts_with("SEARCH claims USING")
                && d.contains("INDEX claims_org_status_updated (organisation_id=? AND status=?)")),
            "{query}: {details:?}"
        );
    }
}
