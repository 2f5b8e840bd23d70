//! The Customer associations list: isolation, filters, search, sort, pages and CSV.

use diesel::{QueryDsl, RunQueryDsl};
use portal::store::schema;

use crate::{
    helpers::*,
    search::{changed_at_one_instant, insert_claims},
    wizard::NORTHWIND_TENANT,
};

/// Inserts `n` claims for the partner's organisation straight into the store (the wizard
/// has its own tests); names "Claim 001"…, one minute apart, the newest last.
fn seed_claims(app: &TestApp, partner: &str, n: usize, status: &str, prefix: &str) {
    let rows: Vec<(String, String)> = (0..n)
        .map(|i| {
            let domain = if i % 2 == 0 {
                "northwind.example"
            } else {
                "northwindtraders.example"
            };
            (format!("{prefix} {i:03}"), domain.to_owned())
        })
        .collect();
    insert_claims(app, partner, status, &rows);
}

#[actix_web::test]
async fn an_empty_list_explains_customer_associations() {
    let app = spawn_app().await;
    let page = app.signed_in(PARTNER).await.get("/associations").await;
    assert_eq!(
        page.text("#empty-heading"),
        "You have no customer associations yet"
    );
    assert_eq!(
        page.text("[data-testid=new-association]"),
        "+ Customer association"
    );
    assert_eq!(page.count("table"), 0);
}

#[actix_web::test]
async fn partners_see_only_their_own_organisations_claims() {
    let app = spawn_app().await;
    seed_claims(&app, OTHER_PARTNER, 3, "draft", "Fabrikam");
    seed_claims(&app, PARTNER, 2, "draft", "Contoso");
    let contoso = app.signed_in(PARTNER).await.get("/associations").await;
    assert_eq!(
        contoso.texts("tbody .claim-name"),
        ["Contoso 001", "Contoso 000"]
    );
    let csv = app
        .signed_in(PARTNER)
        .await
        .get("/associations/export.csv")
        .await;
    assert!(!csv.body.contains("Fabrikam"));
}

#[actix_web::test]
async fn pages_go_forward_and_back_with_keyset_links() {
    let app = spawn_app().await;
    seed_claims(&app, PARTNER, 30, "draft", "Claim");
    let visitor = app.signed_in(PARTNER).await;
    let first = visitor.get("/associations").await;
    assert_eq!(first.count("tbody tr"), 25);
    assert_eq!(
        first.text("tbody tr:first-child .claim-name"),
        "Claim 029",
        "newest first"
    );
    assert_eq!(first.count("a[rel=prev]"), 0);
    assert_eq!(
        first.text("tbody tr:first-child .claim-updated"),
        "1 Nov 2026 08:29 UTC"
    );
    let second = visitor
        .get(&first.attr("a[rel=next]", "href").unwrap())
        .await;
    assert_eq!(
        second.texts("tbody .claim-name"),
        [
            "Claim 004",
            "Claim 003",
            "Claim 002",
            "Claim 001",
            "Claim 000"
        ]
    );
    assert_eq!(second.count("a[rel=next]"), 0);
    let back = visitor
        .get(&second.attr("a[rel=prev]", "href").unwrap())
        .await;
    assert_eq!(
        back.texts("tbody .claim-name"),
        first.texts("tbody .claim-name")
    );
    assert_eq!(back.count("a[rel=prev]"), 0, "back on the first page");
}

#[actix_web::test]
async fn sorting_by_a_column_flips_its_direction() {
    let app = spawn_app().await;
    seed_claims(&app, PARTNER, 3, "draft", "Claim");
    let visitor = app.signed_in(PARTNER).await;
    let list = visitor.get("/associations").await;
    assert_eq!(
        list.attr("th[aria-sort]", "aria-sort").as_deref(),
        Some("descending")
    );
    let by_name = visitor
        .get(&list.attr("thead th:nth-child(1) a", "href").unwrap())
        .await;
    assert_eq!(
        by_name.texts("tbody .claim-name"),
        ["Claim 000", "Claim 001", "Claim 002"]
    );
    assert_eq!(
        by_name
            .attr("thead th:nth-child(1)", "aria-sort")
            .as_deref(),
        Some("ascending")
    );
    let reversed = visitor
        .get(&by_name.attr("thead th:nth-child(1) a", "href").unwrap())
        .await;
    assert_eq!(
        reversed.texts("tbody .claim-name"),
        ["Claim 002", "Claim 001", "Claim 000"]
    );
}

#[actix_web::test]
async fn filters_and_search_narrow_the_list_and_the_export() {
    let app = spawn_app().await;
    seed_claims(&app, PARTNER, 4, "draft", "Draft claim");
    seed_claims(&app, PARTNER, 2, "submitted", "Sent claim");
    let visitor = app.signed_in(PARTNER).await;
    let submitted = visitor.get("/associations?status=submitted").await;
    assert_eq!(
        submitted.texts("tbody .claim-status"),
        ["Submitted", "Submitted"]
    );
    assert_eq!(
        submitted
            .attr("#status option[selected]", "value")
            .as_deref(),
        Some("submitted")
    );
    let searched = visitor.get("/associations?q=sent+claim+001").await;
    assert_eq!(searched.texts("tbody .claim-name"), ["Sent claim 001"]);
    let by_domain = visitor.get("/associations?q=northwindtraders").await;
    assert_eq!(
        by_domain.count("tbody tr"),
        3,
        "prefix of the customer domain"
    );
    let by_tenant = visitor
        .get(&format!(
            "/associations?q={}",
            NORTHWIND_TENANT.to_uppercase()
        ))
        .await;
    assert_eq!(by_tenant.count("tbody tr"), 6);
    let nothing = visitor.get("/associations?q=%25").await;
    assert_eq!(
        nothing.count("tbody tr"),
        0,
        "% is a character, not a wildcard"
    );
    assert_eq!(
        nothing.text("[data-testid=no-matches]"),
        "No customer associations match these filters."
    );

    let export_href = submitted.attr("[data-testid=export-csv]", "href").unwrap();
    let csv = visitor.get(&export_href).await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        csv.headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[0], "Claim name");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| &r[5] == "Submitted"));
}

#[actix_web::test]
async fn the_export_streams_every_row_and_defuses_formulas() {
    let app = spawn_app().await;
    seed_claims(&app, PARTNER, 1203, "draft", "Bulk");
    seed_claims(&app, PARTNER, 1, "draft", "=HYPERLINK(\"x\")");
    {
        let mut conn = app.pool.get().unwrap();
        let stored: i64 = schema::claims::table
            .count()
            .get_result(&mut **conn)
            .unwrap();
        assert_eq!(stored, 1204);
    }
    let csv = app
        .signed_in(PARTNER)
        .await
        .get("/associations/export.csv")
        .await;
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let names: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
    assert_eq!(names.len(), 1204, "more than two batches");
    assert!(names.contains(&"'=HYPERLINK(\"x\") 000".to_owned()));
    let unique: std::collections::HashSet<_> = names.iter().collect();
    assert_eq!(unique.len(), 1204, "no row twice across batches");
}

/// Every claim changed at one instant, half of them with one name: Next pages through each
/// claim once, in every order and in the reviewers' list too, and Previous comes back.
#[actix_web::test]
async fn claims_with_one_time_and_one_name_are_each_paged_once() {
    let app = spawn_app().await;
    let rows: Vec<(String, String)> = (0..60)
        .map(|i| match i % 2 {
            0 => ("Same name".to_owned(), format!("customer{i:02}.example")),
            _ => (format!("Claim {i:02}"), "same.example".to_owned()),
        })
        .collect();
    insert_claims(&app, PARTNER, "submitted", &rows);
    changed_at_one_instant(&app);
    let partner = app.signed_in(PARTNER).await;
    for list in [
        "/associations",
        "/associations?sort=name&dir=asc",
        "/associations?sort=domain&dir=desc",
        "/associations?status=submitted",
    ] {
        let mut page = partner.get(list).await;
        let first = page.texts("tbody .claim-link, tbody .claim-name");
        let mut seen = Vec::new();
        let mut pages = 1;
        loop {
            seen.extend(page.texts("tbody .claim-name"));
            let Some(next) = page.attr("a[rel=next]", "href") else {
                break;
            };
            page = partner.get(&next).await;
            pages += 1;
        }
        assert_eq!((seen.len(), pages), (60, 3), "{list}");
        let back = partner
            .get(&page.attr("a[rel=prev]", "href").unwrap())
            .await;
        let back = partner
            .get(&back.attr("a[rel=prev]", "href").unwrap())
            .await;
        assert_eq!(
            back.texts("tbody .claim-link, tbody .claim-name"),
            first,
            "{list}"
        );
        assert_eq!(back.count("a[rel=prev]"), 0, "{list}");
        seen.sort();
        let mut expected: Vec<String> = rows.iter().map(|(name, _)| name.clone()).collect();
        expected.sort();
        assert_eq!(seen, expected, "{list}");
    }
    let reviewer = app.signed_in(REVIEWER).await;
    let mut page = reviewer.get("/review").await;
    let mut seen = Vec::new();
    loop {
        seen.extend(page.texts("[data-testid=review-all] .claim-name a"));
        let Some(next) = page.attr("a[rel=next]", "href") else {
            break;
        };
        page = reviewer.get(&next).await;
    }
    assert!(seen.len() >= 60, "{}", seen.len());
    let ours = seen.iter().filter(|n| n.as_str() == "Same name").count();
    assert_eq!(ours, 30);
}
