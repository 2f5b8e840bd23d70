//! Search through the trigram index: any script's capitals, terms of one or two characters,
//! parts of domains and tenant IDs, pages of matches, and never another organisation's
//! claims.

use chrono::{Duration, NaiveDate};
use portal::store::{claims, organisations, users};

use crate::{helpers::*, wizard::NORTHWIND_TENANT};

/// Inserts claims for the partner's organisation straight into the store, one minute apart
/// in the order given (the last is the newest): `(name, customer domain)`.
pub fn insert_claims(app: &TestApp, partner: &str, status: &str, rows: &[(String, String)]) {
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
                tenant_id: NORTHWIND_TENANT,
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
