//! Search through the trigram index: any script's capitals, terms of one or two characters,
//! parts of domains and tenant IDs, pages of matches, and never another organisation's
//! claims.

use chrono::{Duration, NaiveDate};
use diesel::{ExpressionMethods, RunQueryDsl};
use portal::store::{claims, organisations, schema, users};

use crate::{helpers::*, wizard::NORTHWIND_TENANT};

/// Inserts claims for the partner's organisation straight into the store, one minute apart
/// in the order given (the last is the newest): `(name, customer domain)`.
pub fn insert_claims(app: &TestApp, partner: &str, status: &str, rows: &[(String, String)]) {
    insert_claims_on(app, partner, status, NORTHWIND_TENANT, rows);
}

/// Gives every claim one `updated_at`, as the window job leaves a batch it closed.
pub fn changed_at_one_instant(app: &TestApp) {
    let instant = NaiveDate::from_ymd_opt(2026, 11, 2)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let mut pooled = app.pool.get().unwrap();
    let conn: &mut portal::store::AnyConnection = &mut pooled;
    diesel::update(schema::claims::table)
        .set(schema::claims::updated_at.eq(instant))
        .execute(conn)
        .unwrap();
}

/// As [`insert_claims`], on the customer tenant given.
fn insert_claims_on(
    app: &TestApp,
    partner: &str,
    status: &str,
    tenant: &str,
    rows: &[(String, String)],
) {
    let mut conn = app.pool.get().unwrap();
    let user = users::find_by_email(&mut conn, partner).unwrap().unwrap();
    let organisation = user.organisation_id.clone().unwrap();
    let (location, _) = organisations::locations_with_programmes(&mut conn, &organisation)
        .unwrap()
        .remove(0);
    let base = NaiveDate::from_ymd_opt(2026, 11, 1)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    for (i, (name, domain)) in rows.iter().enumerate() {
        let at = base + Duration::minutes(i as i64);
        claims::insert_draft(
            &mut conn,
            &claims::NewDraft {
                id: &uuid::Uuid::new_v4().to_string(),
                organisation_id: &organisation,
                location_id: &location.id,
                created_by: &user.id,
                tenant_id: tenant,
                customer_domain: domain,
                solution_area: "microsoft_365",
                activity: "usage",
                programme: "osu_m365",
                name,
                status,
                partner_language: "en",
                created_at: at,
                updated_at: at,
            },
        )
        .unwrap();
    }
}

fn named(rows: &[(&str, &str)]) -> Vec<(String, String)> {
    rows.iter()
        .map(|(n, d)| (n.to_string(), d.to_string()))
        .collect()
}

fn query(term: &str) -> String {
    url::form_urlencoded::byte_serialize(term.as_bytes()).collect()
}

async fn found(visitor: &Visitor, term: &str) -> Vec<String> {
    let page = visitor
        .get(&format!("/associations?q={}", query(term)))
        .await;
    assert_eq!(page.status, 200, "{term}");
    let mut names = page.texts("tbody .claim-name");
    names.sort();
    names
}

#[actix_web::test]
async fn capitals_of_every_script_are_found_in_any_case() {
    let app = spawn_app().await;
    insert_claims(
        &app,
        PARTNER,
        "draft",
        &named(&[
            ("École privée", "ecole.example"),
            ("ΑΘΗΝΑ office", "athens.example"),
            ("Москва rollout", "moscow.example"),
            ("Plain claim", "plain.example"),
        ]),
    );
    let partner = app.signed_in(PARTNER).await;
    let cases: [(&str, &[&str]); 7] = [
        ("ÉCOLE", &["École privée"]),
        ("école PRIV", &["École privée"]),
        ("αθηνα", &["ΑΘΗΝΑ office"]),
        ("МОСКВА", &["Москва rollout"]),
        ("ＰＬＡＩＮ", &["Plain claim"]),
        ("é", &["École privée"]),
        ("Мо", &["Москва rollout"]),
    ];
    for (term, expected) in cases {
        assert_eq!(found(&partner, term).await, expected, "{term}");
    }
    // What was typed stays in the box, as typed.
    let page = partner
        .get(&format!("/associations?q={}", query("ÉCOLE")))
        .await;
    assert_eq!(page.attr("#q", "value").as_deref(), Some("ÉCOLE"));
}

#[actix_web::test]
async fn parts_of_domains_and_tenant_ids_are_found_and_short_terms_too() {
    let app = spawn_app().await;
    insert_claims(
        &app,
        PARTNER,
        "draft",
        &named(&[
            ("First", "northwindtraders.example"),
            ("Second", "tailspin.example"),
            ("Third", "wingtip.example"),
        ]),
    );
    let partner = app.signed_in(PARTNER).await;
    let everyone = ["First", "Second", "Third"];
    let cases: [(&str, &[&str]); 8] = [
        ("WINDTRAD", &["First"]),
        ("spin.ex", &["Second"]),
        ("ngt", &["Third"]),
        // A part of the tenant ID from its middle, in capitals: every claim is on it.
        ("4D5E-4F60", &everyone),
        ("IL", &["Second"]),
        ("w", &["First", "Third"]),
        // Wildcards are characters.
        ("%", &[]),
        ("_", &[]),
    ];
    for (term, expected) in cases {
        assert_eq!(found(&partner, term).await, expected, "{term}");
    }
}

#[actix_web::test]
async fn another_organisations_claims_are_never_found() {
    let app = spawn_app().await;
    insert_claims(
        &app,
        OTHER_PARTNER,
        "submitted",
        &named(&[("Secret Fabrikam deal", "secret.example")]),
    );
    insert_claims(
        &app,
        PARTNER,
        "submitted",
        &named(&[("Contoso deal", "contoso-customer.example")]),
    );
    let partner = app.signed_in(PARTNER).await;
    for term in ["secret", "SECRET FAB", "se", "s", "deal"] {
        let names = found(&partner, term).await;
        assert!(
            !names.contains(&"Secret Fabrikam deal".to_owned()),
            "{term}"
        );
    }
    assert_eq!(found(&partner, "deal").await, ["Contoso deal"]);
    // Staff search every organisation's claims.
    let reviewer = app.signed_in(REVIEWER).await;
    let page = reviewer.get("/review?q=SECRET").await;
    assert_eq!(
        page.texts("[data-testid=review-all] .claim-name a"),
        ["Secret Fabrikam deal"]
    );
    let page = reviewer.get("/review?q=se").await;
    assert!(
        page.texts("[data-testid=review-all] .claim-name a")
            .contains(&"Secret Fabrikam deal".to_owned())
    );
}

/// More claims than a list reads in its own order before it asks the index: matches among
/// the first rows, matches only beyond them, in either sort order and across pages.
#[actix_web::test]
async fn matches_beyond_the_first_rows_are_found_sorted_and_paged() {
    let app = spawn_app().await;
    let rows: Vec<(String, String)> = (0..1030)
        .map(|i| (format!("Claim {i:04}"), format!("customer{i}.example")))
        .collect();
    insert_claims(&app, PARTNER, "submitted", &rows);
    let reviewer = app.signed_in(REVIEWER).await;
    let all = |page: &Response| page.texts("[data-testid=review-all] .claim-name a");
    let page = reviewer.get("/review?q=claim+0007").await;
    assert_eq!(all(&page), ["Claim 0007"]);
    let page = reviewer.get("/review?q=CLAIM+10").await;
    let newest: Vec<String> = (1005..1030).rev().map(|i| format!("Claim {i}")).collect();
    assert_eq!(all(&page), newest);
    let partner = app.signed_in(PARTNER).await;
    // Rare: one claim, the oldest.
    assert_eq!(found(&partner, "claim 0007").await, ["Claim 0007"]);
    // Frequent: the newest first, a full page.
    let page = partner.get("/associations?q=CLAIM").await;
    assert_eq!(page.count("tbody tr"), 25);
    assert_eq!(page.text("tbody tr:first-child .claim-name"), "Claim 1029");
    // By name, the matches of "claim 10" (1000 to 1029) lie beyond the first 1000 rows.
    let by_name = partner
        .get("/associations?q=claim+10&sort=name&dir=asc")
        .await;
    let first: Vec<String> = (1000..1025).map(|i| format!("Claim {i}")).collect();
    assert_eq!(by_name.texts("tbody .claim-name"), first);
    let next = partner
        .get(&by_name.attr("a[rel=next]", "href").unwrap())
        .await;
    let rest: Vec<String> = (1025..1030).map(|i| format!("Claim {i}")).collect();
    assert_eq!(next.texts("tbody .claim-name"), rest);
    assert_eq!(next.count("a[rel=next]"), 0);
    assert_eq!(next.attr("#q", "value").as_deref(), Some("claim 10"));
    let back = partner
        .get(&next.attr("a[rel=prev]", "href").unwrap())
        .await;
    assert_eq!(back.texts("tbody .claim-name"), first);
    // A domain term matching claims spread over the whole list, newest first.
    let page = partner.get("/associations?q=customer99").await;
    assert_eq!(
        page.texts("tbody .claim-name"),
        [
            "Claim 0999",
            "Claim 0998",
            "Claim 0997",
            "Claim 0996",
            "Claim 0995",
            "Claim 0994",
            "Claim 0993",
            "Claim 0992",
            "Claim 0991",
            "Claim 0990",
            "Claim 0099"
        ]
    );
}

/// The index is asked for the term's rarest part (`m 4711`, not the `claim` every claim
/// holds, counted in a sample of the texts), and every claim it returns is tested against
/// the whole term: one holding only the part (`Item 4711`) is not found.
#[actix_web::test]
async fn a_term_is_found_whole_though_the_index_is_asked_for_its_rarest_part() {
    let app = spawn_app().await;
    // The three oldest, beyond the rows the lists test one by one before asking the index.
    let rows: Vec<(String, String)> = named(&[
        ("Claim 4711", "north.example"),
        ("Item 4711", "south.example"),
        ("Claim 4712", "east.example"),
    ])
    .into_iter()
    .chain((0..1010).map(|i| (format!("Claim {i:04}"), format!("customer{i}.example"))))
    .collect();
    insert_claims(&app, PARTNER, "submitted", &rows);
    // The counts are sampled again by the first search after a quarter of an hour.
    app.clock.advance(Duration::minutes(16));
    let partner = app.signed_in(PARTNER).await;
    assert_eq!(found(&partner, "claim 4711").await, ["Claim 4711"]);
    assert_eq!(found(&partner, "ITEM 471").await, ["Item 4711"]);
    // A term the sample finds in nearly every claim: the newest rows first.
    let page = partner.get("/associations?q=claim+0").await;
    assert_eq!(page.count("tbody tr"), 25);
    assert_eq!(page.text("tbody tr:first-child .claim-name"), "Claim 0999");
    let reviewer = app.signed_in(REVIEWER).await;
    let page = reviewer.get("/review?q=claim+4711").await;
    assert_eq!(
        page.texts("[data-testid=review-all] .claim-name a"),
        ["Claim 4711"]
    );
    assert_eq!(
        page.texts("[data-testid=review-queue] .claim-name a"),
        ["Claim 4711"]
    );
}

/// A thousand claims changed at one instant (as when the job closes their windows): the
/// rows a list tests one by one end at a row, not at a time, and what lies beyond them is
/// still found.
#[actix_web::test]
async fn claims_changed_at_one_instant_are_searched_past_the_first_rows() {
    let app = spawn_app().await;
    let rows: Vec<(String, String)> = (0..1030)
        .map(|i| (format!("Claim {i:04}"), format!("customer{i}.example")))
        .collect();
    insert_claims(&app, PARTNER, "submitted", &rows);
    changed_at_one_instant(&app);
    let reviewer = app.signed_in(REVIEWER).await;
    for (term, name) in [
        ("claim 0007", "Claim 0007"),
        ("CLAIM 1029", "Claim 1029"),
        ("customer512.", "Claim 0512"),
    ] {
        let page = reviewer.get(&format!("/review?q={}", query(term))).await;
        let all = page.texts("[data-testid=review-all] .claim-name a");
        assert_eq!(all, [name], "{term}");
        let queue = page.texts("[data-testid=review-queue] .claim-name a");
        assert_eq!(queue, [name], "{term}");
    }
    let page = reviewer.get("/review?q=claim+10").await;
    let mut names = page.texts("[data-testid=review-all] .claim-name a");
    names.sort();
    let expected: Vec<String> = (1000..1025).map(|i| format!("Claim {i}")).collect();
    assert_eq!(names.len(), 25);
    assert!(names.iter().all(|n| n.starts_with("Claim 10")), "{names:?}");
    let partner = app.signed_in(PARTNER).await;
    assert_eq!(found(&partner, "claim 0007").await, ["Claim 0007"]);
    let by_name = partner
        .get("/associations?q=claim+10&sort=name&dir=asc")
        .await;
    assert_eq!(by_name.texts("tbody .claim-name"), expected);
}

/// Claims that existed before the search text did got it from SQL's `lower()` (ASCII only
/// on SQLite); the portal folds them again once, after that migration.
#[actix_web::test]
async fn claims_from_before_the_search_text_are_folded_again() {
    use diesel::connection::SimpleConnection;
    let app = spawn_app().await;
    insert_claims(
        &app,
        PARTNER,
        "draft",
        &named(&[("ÉCOLE Ancienne", "ecole.example")]),
    );
    let mut conn = app.pool.get().unwrap();
    conn.batch_execute(
        "UPDATE claims SET search_text = name || '\n' || customer_domain || '\n' || tenant_id",
    )
    .unwrap();
    let partner = app.signed_in(PARTNER).await;
    assert!(found(&partner, "école ancienne").await.is_empty());
    let changed = portal::store::search::refold_all(&mut conn).unwrap();
    assert!(changed >= 1);
    assert_eq!(found(&partner, "école ancienne").await, ["ÉCOLE Ancienne"]);
    assert_eq!(portal::store::search::refold_all(&mut conn).unwrap(), 0);
}

/// A whole tenant ID, in any of a GUID's spellings, finds that customer's claims (through
/// the tenant ID's own index) in the partner's list and the reviewers'.
#[actix_web::test]
async fn a_whole_tenant_id_finds_its_customers_claims_in_any_spelling() {
    const TAILSPIN_TENANT: &str = "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a";
    let app = spawn_app().await;
    insert_claims(
        &app,
        PARTNER,
        "submitted",
        &named(&[("Northwind rollout", "northwind.example")]),
    );
    insert_claims_on(
        &app,
        PARTNER,
        "submitted",
        TAILSPIN_TENANT,
        &named(&[
            ("Tailspin rollout", "tailspin.example"),
            ("Tailspin renewal", "tailspin.example"),
        ]),
    );
    insert_claims_on(
        &app,
        OTHER_PARTNER,
        "submitted",
        TAILSPIN_TENANT,
        &named(&[("Fabrikam at Tailspin", "tailspin.example")]),
    );
    let partner = app.signed_in(PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    for spelling in [
        TAILSPIN_TENANT.to_owned(),
        TAILSPIN_TENANT.to_uppercase(),
        format!("{{{TAILSPIN_TENANT}}}"),
        TAILSPIN_TENANT.replace('-', ""),
        format!("  {TAILSPIN_TENANT} "),
    ] {
        assert_eq!(
            found(&partner, &spelling).await,
            ["Tailspin renewal", "Tailspin rollout"],
            "{spelling}"
        );
        let page = reviewer
            .get(&format!("/review?q={}", query(&spelling)))
            .await;
        let mut names = page.texts("[data-testid=review-all] .claim-name a");
        names.sort();
        assert_eq!(
            names,
            [
                "Fabrikam at Tailspin",
                "Tailspin renewal",
                "Tailspin rollout"
            ],
            "{spelling}"
        );
    }
    // A part of it is still a "contains" search.
    assert_eq!(
        found(&partner, "6B5C-4D3E").await,
        ["Tailspin renewal", "Tailspin rollout"]
    );
}

/// The index follows the claims as they come and go: a deleted claim is no longer found,
/// and the claim written after it (which may take its number in the index) is, whichever
/// organisation wrote claims in between.
#[actix_web::test]
async fn the_index_follows_claims_deleted_and_written_again() {
    use diesel::connection::SimpleConnection;
    let app = spawn_app().await;
    insert_claims(
        &app,
        PARTNER,
        "draft",
        &named(&[("Alpha pilot", "alpha.example")]),
    );
    // More claims than a list tests one by one, so the pilots are found through the index.
    let fillers: Vec<(String, String)> = (0..1010)
        .map(|i| (format!("Filler {i}"), "filler.example".to_owned()))
        .collect();
    insert_claims(&app, PARTNER, "draft", &fillers);
    insert_claims(
        &app,
        PARTNER,
        "draft",
        &named(&[("Bravo pilot", "bravo.example")]),
    );
    insert_claims(
        &app,
        OTHER_PARTNER,
        "draft",
        &named(&[("Charlie pilot", "charlie.example")]),
    );
    let partner = app.signed_in(PARTNER).await;
    assert_eq!(
        found(&partner, "pilot").await,
        ["Alpha pilot", "Bravo pilot"]
    );
    {
        let mut conn = app.pool.get().unwrap();
        conn.batch_execute("DELETE FROM claims WHERE name = 'Bravo pilot'")
            .unwrap();
    }
    assert_eq!(found(&partner, "bravo pilot").await, Vec::<String>::new());
    insert_claims(
        &app,
        PARTNER,
        "draft",
        &named(&[("Delta pilot", "delta.example")]),
    );
    insert_claims(&app, PARTNER, "draft", &fillers);
    // Signed in again: writing the claims can outlast the server's keep-alive.
    let partner = app.signed_in(PARTNER).await;
    assert_eq!(
        found(&partner, "pilot").await,
        ["Alpha pilot", "Delta pilot"]
    );
    assert_eq!(found(&partner, "delta pilot").await, ["Delta pilot"]);
    assert_eq!(found(&partner, "alpha pilot").await, ["Alpha pilot"]);
    let other = app.signed_in(OTHER_PARTNER).await;
    assert_eq!(found(&other, "pilot").await, ["Charlie pilot"]);
}

/// A migration that makes the list's index again leaves SQLite's planner without its
/// statistics; where the claims were measured before, they are measured again.
#[actix_web::test]
async fn measured_claims_are_measured_again_after_the_search_migration() {
    use diesel::{connection::SimpleConnection, prelude::*, sql_types::BigInt};
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let app = spawn_app().await;
    if app.database.is_postgres() {
        return;
    }
    insert_claims(
        &app,
        PARTNER,
        "draft",
        &named(&[("Measured", "measured.example")]),
    );
    let mut conn = app.pool.get().unwrap();
    let list_index_measured = |conn: &mut portal::store::AnyConnection| {
        diesel::sql_query("SELECT count(*) AS n FROM sqlite_stat1 WHERE idx = 'claims_org_updated'")
            .get_result::<Count>(conn)
            .unwrap()
            .n
    };
    conn.batch_execute("ANALYZE; DELETE FROM sqlite_stat1 WHERE idx = 'claims_org_updated'")
        .unwrap();
    assert_eq!(list_index_measured(&mut conn), 0);
    portal::store::migrate::refresh_statistics(&mut conn).unwrap();
    assert_eq!(list_index_measured(&mut conn), 1);
}
